import type { FileSaver } from './desktop/file-saver';
import type { RecordingMedia } from './calls/recordings';
import type { DialNumber } from '../../shared/api/app';
import type { ShortcutStatus } from '../../shared/api/desktop';
import type { Dispatch } from './api/dispatch';
import type { CoreClock } from './clock';
import type { LineOptions } from './calls/line';
import type { EventBus } from './events';
import type { HostInfo } from './handler-context';
import type { SyncEngine, SyncEngineOptions, SyncTimers } from './sync/engine';
import type { SecretStore } from './sync/secret-store';
import type { SyncTransport } from './sync/transport';
import type { VoiceHostLink } from './telephony/voice-host-link';
import type { VoiceOptions } from './telephony/voice-line';

/** How the core reaches the CRM server and keeps the session; every part has a default. */
export interface SyncOptions {
  /** HTTP to the server; fetch by default. Tests pass one over Fastify's inject. */
  transport?: SyncTransport;
  /**
   * Where the session secret lives. The Electron shell passes its safeStorage store;
   * browser mode defaults to a 0600 file in dataDir; without either, memory only.
   */
  secrets?: SecretStore;
  /** Pre-fills the login form (browser mode's --server-url). */
  defaultServerUrl?: string;
  engine?: Partial<SyncEngineOptions>;
  timers?: SyncTimers;
  random?: () => number;
  /**
   * The directory download's worker thread (pull-in-worker.ts): the compiled worker's
   * path (the Electron shell's), or false to pull on the main thread. Unset: the
   * TypeScript source when running from it (browser mode, tests), else the main thread.
   * Only with the fetch transport; a test's own transport always pulls on the main thread.
   */
  pullWorker?: { entry: string } | false;
}

export interface CoreOptions extends HostInfo {
  /** Folder holding drizzle-kit's migrations (journal + SQL). */
  migrationsDir: string;
  /** Injected so tests can control time. Defaults to the clock's (the system's). */
  now?: () => Date;
  /**
   * The clock and timers the reminder scheduler runs on: the system's by default, a
   * manual one for end-to-end runs (browser mode's --manual-clock), which also sets `now`.
   */
  clock?: CoreClock;
  /** Seed demo data into an empty database (true for a normal first start). */
  seedDemo?: boolean;
  /** The phone line's engine and timers; the simulated line on the system clock by default. */
  line?: LineOptions;
  sync?: SyncOptions;
  /**
   * better-sqlite3's compiled addon to load instead of node_modules' own: the Electron
   * shell passes the build made for Electron's ABI in development. Unset, the default
   * (Node) build loads, which is what tests and browser mode use.
   */
  nativeBinding?: string;
  /** The Twilio line's host-side options (tests point it at a fake Twilio). */
  voice?: VoiceOptions;
}

/** What a host (Electron shell or browser-mode server) needs from the core. */
export interface Core {
  /** The API table's single entry point: parses input, runs the handler, parses output. */
  dispatch: Dispatch;
  events: EventBus;
  /**
   * What the shell calls for a tel:/callto:/sip: link from argv, second-instance or
   * open-url. Parses it, emits `dial.requested`, returns the number (or null).
   */
  handleDialLink(uri: string): DialNumber | null;
  /** The shell's global shortcuts as the OS took them (desktop.get shows them in Settings). */
  setShortcutReport?(report: ShortcutStatus[]): void;
  /** The shell's save dialog, for files.saveAs (desktop/file-saver.ts). */
  setFileSaver?(saver: FileSaver): void;
  /** The sync engine, for the host: network changes, and tests that run a round and wait. */
  sync?: Pick<SyncEngine, 'networkChanged' | 'runOnce' | 'syncNow' | 'status' | 'idle'>;
  /** Where the voice host page attaches (absent when a test passes its own engine). */
  voiceHost?: VoiceHostLink;
  /** Tests only: the fake Twilio's signaling host, which the voice host's CSP must allow. */
  voiceSignalingHost?: string;
  /** A call's recording through the CRM server, or null when there is none to play (calls/recordings.ts). */
  recording?(callId: string): Promise<RecordingMedia | null>;
  /** The machine woke or the session was unlocked: the Twilio line re-registers, reminders re-arm. */
  systemResumed?(): void;
  close(): void;
}

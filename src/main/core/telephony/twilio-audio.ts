import {
  fallbackInWords,
  type AudioChoice,
  type AudioDeviceList,
  type PreflightReport,
} from '../../../shared/voice/audio';
import type { HostEvent } from '../../../shared/voice/host-protocol';
import { CoreError } from '../errors';
import type { Scheduler } from './scheduler';
import type { VoiceHostLink } from './voice-host-link';

/**
 * The Twilio line's audio, on the core's side: the devices the voice host lists, the
 * agent's choice (a desktop setting) sent to the host whenever the Device is (re)made
 * or the choice changes, the microphone meter, a chosen device that went away, and the
 * pre-call test (the host runs Device.runPreflight; this waits for its figures).
 */

export interface AudioInUse {
  microphone: string | null;
  speaker: string;
  ringer: string;
}

export interface TwilioAudioStatus {
  /** What the voice host listed; null until it has. */
  devices: AudioDeviceList | null;
  inUse: AudioInUse | null;
  choice: AudioChoice;
  /** The last chosen device that went away, in words, and when. */
  notice: { text: string; at: number } | null;
}

export type AudioLevel = Extract<HostEvent, { type: 'level' }>;

type AudioHostEvent = Extract<HostEvent, { type: 'audioDevices' | 'audioFallback' | 'level' | 'preflight' }>;

export interface TwilioAudioDeps {
  link: VoiceHostLink;
  scheduler: Scheduler;
  choice: () => AudioChoice;
  /** A token for the test call, or null with the reason. */
  token: () => Promise<string | null>;
  tokenProblem: () => string | null;
  edge: string;
  signalingHost?: string;
  onChange: () => void;
  preflightTimeoutMs?: number;
}

const noChoice: AudioChoice = { microphone: null, speaker: null, ringer: null };

export function isAudioHostEvent(event: HostEvent): event is AudioHostEvent {
  return (
    event.type === 'audioDevices' ||
    event.type === 'audioFallback' ||
    event.type === 'level' ||
    event.type === 'preflight'
  );
}

export function timedOutPreflight(ms: number): PreflightReport {
  return {
    outcome: 'failed',
    error: { code: 31003, message: `No result within ${Math.round(ms / 1000)} s` },
    rttMs: null,
    jitterMs: null,
    mos: null,
    maxRttMs: null,
    quality: null,
    edge: null,
    signalingMs: null,
    mediaMs: null,
    warnings: [],
  };
}

export function createTwilioAudio(deps: TwilioAudioDeps) {
  const levelListeners = new Set<(level: AudioLevel) => void>();
  const pending = new Map<string, (report: PreflightReport) => void>();
  let devices: AudioDeviceList | null = null;
  let inUse: AudioInUse | null = null;
  let notice: TwilioAudioStatus['notice'] = null;
  let metering = false;
  let nextId = 1;
  const choice = () => deps.choice() ?? noChoice;

  return {
    status: (): TwilioAudioStatus => ({ devices, inUse, choice: choice(), notice }),
    /** After a (re)setup of the Device, and whenever the agent changes the choice. */
    apply(): void {
      deps.link.send({ type: 'audio', choice: choice() });
      if (metering) deps.link.send({ type: 'meter', on: true });
      deps.onChange();
    },
    meter(on: boolean): boolean {
      metering = on;
      return deps.link.send({ type: 'meter', on });
    },
    onLevel(listener: (level: AudioLevel) => void): () => void {
      levelListeners.add(listener);
      return () => levelListeners.delete(listener);
    },
    async preflight(): Promise<PreflightReport> {
      if (!deps.link.connected()) {
        throw new CoreError('no_voice_host', 'The voice host is not running, so the test call cannot be placed.');
      }
      const token = await deps.token();
      if (!token) {
        throw new CoreError('no_voice_token', deps.tokenProblem() ?? 'The phone line has no sign-in from the server.');
      }
      const id = `pf-${nextId++}`;
      const timeoutMs = deps.preflightTimeoutMs ?? 60_000;
      return new Promise<PreflightReport>((resolve) => {
        const cancel = deps.scheduler.setTimeout(() => {
          if (pending.delete(id)) resolve(timedOutPreflight(timeoutMs));
        }, timeoutMs);
        pending.set(id, (report) => {
          cancel();
          resolve(report);
        });
        deps.link.send({
          type: 'preflight',
          id,
          token,
          edge: deps.edge,
          ...(deps.signalingHost ? { signalingHost: deps.signalingHost } : {}),
        });
      });
    },
    handle(event: AudioHostEvent): void {
      switch (event.type) {
        case 'audioDevices':
          devices = event.devices;
          inUse = event.inUse;
          deps.onChange();
          return;
        case 'audioFallback':
          notice = { text: fallbackInWords(event.role, event.label), at: deps.scheduler.now() };
          deps.onChange();
          return;
        case 'level':
          for (const listener of [...levelListeners]) listener(event);
          return;
        case 'preflight': {
          const resolve = pending.get(event.id);
          pending.delete(event.id);
          resolve?.(event.report);
          return;
        }
      }
    },
    /** The host went away: its tests and lists went with it. */
    hostGone(): void {
      devices = null;
      inUse = null;
      for (const [id, resolve] of pending) {
        pending.delete(id);
        resolve({ ...timedOutPreflight(0), error: { code: 31005, message: 'The voice host stopped' } });
      }
    },
  };
}

export type TwilioAudio = ReturnType<typeof createTwilioAudio>;

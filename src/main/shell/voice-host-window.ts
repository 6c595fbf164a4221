import type { BrowserWindow, BrowserWindowConstructorOptions, IpcMain, IpcMainEvent } from 'electron';
import { voiceIpcChannels } from '../../shared/voice/host-protocol';
import type { AttachedVoiceHost, VoiceHostLink } from '../core/telephony/voice-host-link';
import type { AppPages } from './app-pages';
import { secureWebPreferences } from './windows';

/**
 * The voice host: a hidden window that runs the Twilio Device (voice-host.html) for the
 * core, and that the console never reloads, so a console reload or crash never drops a
 * call. Its own preload exposes only the voice bridge (two IPC channels of text).
 *
 * A crash or a closed window is noticed: the core's link is told (the core closes the
 * calls it had, honestly), and the window is created again after a back-off delay.
 */

export function voiceHostWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 480,
    height: 320,
    title: 'Switchboard voice host',
    skipTaskbar: true,
    webPreferences: {
      ...secureWebPreferences(preloadPath),
      // The SDK's 15 s signaling heartbeat and 30 s re-register must run while hidden.
      backgroundThrottling: false,
      // An incoming call must ring before the agent has clicked anything.
      autoplayPolicy: 'no-user-gesture-required',
    },
  };
}

export interface VoiceHostWindowDeps {
  BrowserWindow: typeof BrowserWindow;
  ipcMain: Pick<IpcMain, 'on' | 'removeListener'>;
  pages: AppPages;
  preloadPath: string;
  link: VoiceHostLink;
  /** Timers, for the re-creation back-off (tests pass their own). */
  setTimeout?: (task: () => void, ms: number) => void;
  log?: (message: string) => void;
}

export interface VoiceHostWindow {
  open(): void;
  /** The window's WebContents id, for the IPC trust check; null when none is up. */
  contentsId(): number | null;
  close(): void;
}

export function createVoiceHostWindow(deps: VoiceHostWindowDeps): VoiceHostWindow {
  const later = deps.setTimeout ?? ((task, ms) => void setTimeout(task, ms));
  let window: BrowserWindow | null = null;
  let attached: AttachedVoiceHost | null = null;
  let closing = false;
  let failures = 0;

  const gone = (why: string) => {
    if (!window) return;
    deps.log?.(`[voice] the voice host ${why}`);
    attached?.detach();
    attached = null;
    const dead = window;
    window = null;
    if (!dead.isDestroyed()) dead.destroy();
    if (closing) return;
    failures += 1;
    later(open, Math.min(30_000, 1_000 * 2 ** (failures - 1)));
  };

  // Messages count only from the voice host's own page, on our origin.
  const onMessage = (event: IpcMainEvent, text: unknown) => {
    if (!window || event.sender.id !== window.webContents.id) return;
    if (!deps.pages.isAppUrl(event.senderFrame?.url)) return;
    if (typeof text !== 'string') return;
    attached?.receive(text);
  };
  deps.ipcMain.on(voiceIpcChannels.message, onMessage);

  function open(): void {
    if (closing || (window && !window.isDestroyed())) return;
    const created = new deps.BrowserWindow(voiceHostWindowOptions(deps.preloadPath));
    window = created;
    attached = deps.link.attach({
      send: (text) => {
        if (!created.isDestroyed()) created.webContents.send(voiceIpcChannels.command, text);
      },
      close: () => gone('was replaced'),
    });
    created.webContents.on('render-process-gone', (_event, details: { reason?: string }) =>
      gone(`crashed (${details?.reason ?? 'unknown'})`),
    );
    created.webContents.on('did-finish-load', () => {
      failures = 0;
    });
    created.on('closed', () => gone('window closed'));
    void created.loadURL(deps.pages.url('voice-host.html'));
  }

  return {
    open,
    contentsId: () => (window && !window.isDestroyed() ? window.webContents.id : null),
    close() {
      closing = true;
      deps.ipcMain.removeListener(voiceIpcChannels.message, onMessage);
      attached?.detach();
      attached = null;
      if (window && !window.isDestroyed()) window.destroy();
      window = null;
    },
  };
}

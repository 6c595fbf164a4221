import type { BrowserWindow, BrowserWindowConstructorOptions, WebContents } from 'electron';
import type { AppPages } from './app-pages';

/**
 * The app's windows. Today there is one, the agent console. The hidden voice host (a
 * later issue) joins as a second window here: a renderer the UI never reloads, created
 * with `show: false` and webPreferences `backgroundThrottling: false` (the Twilio SDK's
 * 15 s heartbeat and 30 s re-register timers must keep running while hidden) and
 * `autoplayPolicy: 'no-user-gesture-required'` (an incoming call must ring before the
 * agent has clicked anything). It gets the same preload and the same security options.
 */

/** The security settings every window of ours shares. */
export function secureWebPreferences(preloadPath: string): BrowserWindowConstructorOptions['webPreferences'] {
  return {
    preload: preloadPath,
    // The page cannot reach the preload's world, only what contextBridge exposes.
    contextIsolation: true,
    // The renderer runs in Chromium's OS-level sandbox; the preload is a single CJS bundle for that reason.
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
  };
}

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Switchboard',
    // Shown on ready-to-show, so the agent never sees an empty white frame.
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  };
}

export interface AppWindows {
  /** The console window, creating it (again) if it does not exist, e.g. after macOS closed it. */
  openMain(): BrowserWindow;
  /** Brings the console to the front: restore if minimised, show, focus. */
  focusMain(): void;
  /** Whether the agent is looking at the console right now. */
  isMainFocused(): boolean;
  /** Every live WebContents of ours: where core events go and whose IPC is trusted. */
  webContents(): WebContents[];
  isOurs(contents: WebContents): boolean;
}

export interface AppWindowsDeps {
  BrowserWindow: typeof BrowserWindow;
  pages: AppPages;
  preloadPath: string;
  /** Called each time the console page has finished loading (first load and reloads). */
  onMainLoaded?: () => void;
  /** Closing the console hides it to the tray instead (the agent's setting). */
  closeToTray?: () => boolean;
  /** The app is quitting: a close then really closes, whatever closeToTray says. */
  isQuitting?: () => boolean;
  /** The size and place to open with, and where to keep them when the window closes or hides. */
  geometry?: {
    initial(): { bounds: Partial<{ x: number; y: number; width: number; height: number }>; maximized: boolean };
    save(state: { x: number; y: number; width: number; height: number; maximized: boolean }): void;
  };
}

export function createAppWindows(deps: AppWindowsDeps): AppWindows {
  let main: BrowserWindow | null = null;

  const openMain = (): BrowserWindow => {
    if (main && !main.isDestroyed()) return main;
    const initial = deps.geometry?.initial() ?? { bounds: {}, maximized: false };
    const window = new deps.BrowserWindow({ ...mainWindowOptions(deps.preloadPath), ...initial.bounds });
    main = window;
    if (initial.maximized) window.maximize();
    window.once('ready-to-show', () => window.show());
    window.on('close', (event) => {
      // Kept on every close, to the tray or for real: the normal bounds, not the maximised ones.
      deps.geometry?.save({ ...window.getNormalBounds(), maximized: window.isMaximized() });
      if (deps.closeToTray?.() && !deps.isQuitting?.()) {
        event.preventDefault();
        window.hide();
      }
    });
    window.on('closed', () => {
      if (main === window) main = null;
    });
    window.webContents.on('did-finish-load', () => deps.onMainLoaded?.());
    void window.loadURL(deps.pages.url('index.html'));
    return window;
  };

  const live = (): BrowserWindow[] => (main && !main.isDestroyed() ? [main] : []);

  return {
    openMain,
    focusMain() {
      const window = openMain();
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
    },
    isMainFocused: () => live().some((window) => window.isFocused() && window.isVisible() && !window.isMinimized()),
    webContents: () =>
      live()
        .map((window) => window.webContents)
        .filter((contents) => !contents.isDestroyed()),
    isOurs: (contents) => live().some((window) => window.webContents.id === contents.id),
  };
}

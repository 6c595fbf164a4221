import type { LineControls } from './line-controls';
import type { Notifier } from './notifications';

/**
 * Updates through electron-updater from a generic feed (a folder of latest*.yml and the
 * installers on any HTTPS server): checked at start and once a day, downloaded in the
 * background, and installed only when the line is idle: never during a call and never
 * with a wrap-up pending. A ready update installs when the agent quits, or at once when
 * they click its notification while idle (after the call and its wrap-up, if clicked during one).
 */

/** The part of electron-updater's autoUpdater used here (a fake in tests). */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export const dayMs = 24 * 60 * 60 * 1000;
const busyPhases = new Set(['ringing-in', 'dialing', 'ringing-out', 'in-progress', 'on-hold', 'wrap-up']);

export interface UpdatesHandle {
  /** Whether an installation may start now (the line is idle, no wrap-up pending). */
  canInstall(): boolean;
  close(): void;
}

export function wireUpdates(deps: {
  updater: Updater;
  /** SWITCHBOARD_UPDATE_URL; without it, the app-update.yml electron-builder packaged. */
  feedUrl: string | undefined;
  isPackaged: boolean;
  controls: Pick<LineControls, 'current'>;
  subscribe: (listener: (name: string, payload: unknown) => void) => () => void;
  notifier: Pick<Notifier, 'notify'>;
  /** Called right before quitAndInstall: the window must really close, not hide to the tray. */
  beforeInstall: () => void;
  log: (message: string) => void;
  setInterval?: (run: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}): UpdatesHandle | null {
  // An unpackaged app has nothing to update (electron-updater would refuse anyway).
  if (!deps.isPackaged) return null;
  const { updater } = deps;
  if (deps.feedUrl) updater.setFeedURL({ provider: 'generic', url: deps.feedUrl });
  updater.autoDownload = true;
  // Quitting installs it: the quit guard has already asked if a call or wrap-up was open.
  updater.autoInstallOnAppQuit = true;

  const canInstall = () => !busyPhases.has(deps.controls.current()?.phase ?? 'idle');
  let ready: string | null = null;
  let installWhenIdle = false;
  const install = () => {
    if (!ready) return;
    if (!canInstall()) {
      installWhenIdle = true;
      deps.log(`update ${ready} waits until the call and its wrap-up are done`);
      return;
    }
    deps.beforeInstall();
    updater.quitAndInstall(false, true);
  };
  updater.on('update-downloaded', (info) => {
    ready = info.version;
    deps.notifier.notify({
      title: `Switchboard ${info.version} is ready`,
      body: 'It installs when you quit. Click to restart now (never during a call).',
      onClick: install,
    });
  });
  updater.on('error', (error) => deps.log(`update check failed: ${error.message}`));
  const unsubscribe = deps.subscribe((name) => {
    if (name === 'line.changed' && installWhenIdle && canInstall()) {
      installWhenIdle = false;
      install();
    }
  });
  const check = () => {
    updater.checkForUpdates().catch((error: unknown) => deps.log(`update check failed: ${String(error)}`));
  };
  check();
  const every = deps.setInterval ?? ((run, ms) => setInterval(run, ms));
  const stop = deps.clearInterval ?? ((handle) => clearInterval(handle as NodeJS.Timeout));
  const timer = every(check, dayMs);
  return {
    canInstall,
    close() {
      unsubscribe();
      stop(timer);
    },
  };
}

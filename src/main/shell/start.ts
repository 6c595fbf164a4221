import path from 'node:path';
import {
  app,
  BrowserWindow,
  clipboard,
  crashReporter,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
} from 'electron';
import type { Core, CoreOptions } from '../core/types';
import { APP_SCHEME, resolveAppPages } from './app-pages';
import { createAppFileHandler } from './app-protocol';
import { buildContentSecurityPolicy } from './csp';
import { wireIncomingCallAlerts } from './incoming-call-alert';
import { wireIpc } from './ipc-bridge';
import { wireLinks } from './links';
import { appMenuTemplate } from './menu';
import { createNotifier, type Notifier } from './notifications';
import { wireReminderAlerts } from './reminder-alert';
import { wireSyncAlerts } from './sync-alert';
import { resolveShellPaths } from './paths';
import { registerProtocolClients } from './protocol-client';
import { createSafeStorageSecretStore } from './secret-store';
import { describeStartupFailure } from './startup-failure';
import { hardenWebContents, installSessionSecurity, isExternalLinkAllowed } from './security';
import { wireQuitGuard } from './quit-guard';
import { createFileSaver } from './save-file';
import { createVoiceHostWindow, type VoiceHostWindow } from './voice-host-window';
import { createAppWindows, type AppWindows } from './windows';
import { wireDesktopPrefs, type DesktopPrefsHandle } from './desktop';
import { createLineControls } from './line-controls';
import { wireTray, type TrayHandle } from './tray';
import { readWindowState, restoreBounds, writeWindowState } from './window-state';
import type { ShellLog } from './logging';
import { copyDiagnostics } from './diagnostics';
import { wireUpdates, type Updater } from './updates';

/**
 * The composition root of the Electron main process: the one file that takes Electron's
 * objects and hands them to the small modules beside it. Order matters and is commented
 * where it does.
 */

export interface ShellOptions {
  createCore: (options: CoreOptions) => Core;
  /** Folder of the built main bundle (out/main). */
  mainDir: string;
  argv?: readonly string[];
  env?: Readonly<Record<string, string | undefined>>;
  platform?: NodeJS.Platform;
  /** process.versions.electron by default; picks the .electron-native build in development. */
  electronVersion?: string;
  /** The redacted, rotating log (logging.ts); the console when not given (tests). */
  log?: ShellLog;
  /** electron-updater's autoUpdater (index.ts); none in tests that do not check updates. */
  updater?: Updater;
}

export interface Shell {
  core: Core;
  windows: AppWindows;
  notifier: Notifier;
  tray: TrayHandle;
  desktop: DesktopPrefsHandle;
}

/** Resolves to null when another Switchboard is already running (this process then quits). */
export async function startShell(options: ShellOptions): Promise<Shell | null> {
  const argv = options.argv ?? process.argv;
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const electronVersion = options.electronVersion ?? process.versions.electron;

  // One Switchboard per user: a second start hands its argv (maybe a tel: link) to the
  // first through 'second-instance' and quits before opening anything.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }

  // Everything below that must happen before 'ready' happens synchronously, here.
  // Crash reports (minidumps) stay on this computer, in app.getPath('crashDumps'):
  // support asks for them; nothing is sent anywhere.
  crashReporter.start({ uploadToServer: false });
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([
    // standard: real origin and relative URLs; secure: a secure context (getUserMedia needs one).
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
  const pages = resolveAppPages({ isPackaged: app.isPackaged, devServerUrl: env['ELECTRON_RENDERER_URL'] });
  const csp = buildContentSecurityPolicy(pages.dev ? { dev: true, devServerOrigin: pages.origin } : {});
  // The voice host page alone may also reach Twilio's signaling and Insights hosts.
  const voiceCsp = buildContentSecurityPolicy({
    ...(pages.dev ? { dev: true, devServerOrigin: pages.origin } : {}),
    voiceHost: true,
  });
  const cspFor = (url: string) => (new URL(url).pathname === '/voice-host.html' ? voiceCsp : csp);
  const paths = resolveShellPaths({
    isPackaged: app.isPackaged,
    mainDir: options.mainDir,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    electronVersion,
  });

  let core: Core | undefined;
  // The window is made before the core exists; it reads the preferences once they are wired.
  const prefs: { handle?: DesktopPrefsHandle } = {};
  // Set in 'before-quit' once no guard kept the app: a close then really closes.
  let quitting = false;
  const windowStateFile = () => path.join(app.getPath('userData'), 'window-state.json');
  const windows = createAppWindows({
    BrowserWindow,
    pages,
    preloadPath: paths.preload,
    onMainLoaded: () => links.ready(),
    closeToTray: () => prefs.handle?.current()?.closeToTray ?? false,
    isQuitting: () => quitting,
    // Read when the window opens (after 'ready': the screen module needs it).
    geometry: {
      initial: () =>
        restoreBounds(
          readWindowState(windowStateFile()),
          screen.getAllDisplays().map((display) => display.workArea),
        ),
      save: (state) => writeWindowState(windowStateFile(), state, (message) => console.log(`[shell] ${message}`)),
    },
  });
  // Registered before 'ready': macOS sends the launching link as an early 'open-url'.
  const links = wireLinks({
    app,
    argv,
    focus: () => windows.focusMain(),
    handleDialLink: (uri) => core?.handleDialLink(uri),
  });
  registerProtocolClients({ app, defaultApp: process.defaultApp === true, execPath: process.execPath, argv });
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, pages, (url) => {
      if (isExternalLinkAllowed(url)) void shell.openExternal(url);
    }),
  );

  await app.whenReady();

  try {
    const dataDir = app.getPath('userData');
    core = options.createCore({
      dataDir,
      host: 'electron',
      migrationsDir: paths.migrationsDir,
      version: app.getVersion(),
      seedDemo: true,
      ...(paths.nativeBinding ? { nativeBinding: paths.nativeBinding } : {}),
      // The CRM session secret, encrypted by the OS keychain (safeStorage needs 'ready').
      sync: {
        secrets: createSafeStorageSecretStore({ safeStorage, file: path.join(dataDir, 'session.bin') }),
        // The directory download's worker thread, built beside the main bundle.
        pullWorker: { entry: path.join(options.mainDir, 'pull-worker.js') },
      },
    });
  } catch (error) {
    // E.g. a database written by a newer Switchboard (the core's message says what to
    // do), or better-sqlite3 built for Node rather than Electron: plain words, no stack.
    const failure = describeStartupFailure(error, {
      isPackaged: app.isPackaged,
      electronVersion,
    });
    dialog.showErrorBox(failure.title, failure.message);
    app.quit();
    return null;
  }
  const startedCore = core;
  // A tray item or a notification was clicked: the console comes forward on that screen.
  const navigate = (hash: string) => {
    windows.focusMain();
    startedCore.events.emit('app.navigate', { hash });
  };

  installSessionSecurity(session.defaultSession, pages, cspFor);
  if (!pages.dev) {
    session.defaultSession.protocol.handle(
      APP_SCHEME,
      createAppFileHandler({
        rootDir: paths.rendererDir,
        origin: pages.origin,
        csp: cspFor,
        recording: async (callId) => (await startedCore.recording?.(callId)) ?? null,
      }),
    );
  }
  const notifier = createNotifier({ Notification, focus: () => windows.focusMain() });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({
        platform,
        dev: pages.dev,
        copyDiagnostics: () =>
          void copyDiagnostics({
            core: startedCore,
            clipboard,
            notifier,
            log: options.log ?? null,
            crashDumps: app.getPath('crashDumps'),
          }),
      }),
    ),
  );
  const unwireIpc = wireIpc({
    ipcMain,
    core: startedCore,
    pages,
    isOurs: (contents) => windows.isOurs(contents),
    recipients: () => windows.webContents(),
  });
  const unwireAlerts = wireIncomingCallAlerts({
    subscribe: (listener) => startedCore.events.subscribe(listener),
    notifier,
    isConsoleFocused: () => windows.isMainFocused(),
    navigate,
  });
  const unwireReminders = wireReminderAlerts({
    subscribe: (listener) => startedCore.events.subscribe(listener),
    notifier,
    navigate,
  });
  const unwireSyncAlerts = wireSyncAlerts({
    subscribe: (listener) => startedCore.events.subscribe(listener),
    notifier,
    navigate,
  });

  windows.openMain();
  // Exports (the calls table's CSV) are saved where the agent chooses, through the OS dialog.
  startedCore.setFileSaver?.(createFileSaver({ dialog, downloadsDir: () => app.getPath('downloads') }));
  // The Twilio line's voice host: a hidden window of its own, re-created if it crashes.
  let voiceHost: VoiceHostWindow | null = null;
  if (startedCore.voiceHost) {
    voiceHost = createVoiceHostWindow({
      BrowserWindow,
      ipcMain,
      pages,
      preloadPath: paths.voicePreload,
      link: startedCore.voiceHost,
      log: (message) => console.log(message),
    });
    voiceHost.open();
  }
  // A machine that slept or a session that was locked may have lost its registration silently.
  const resumed = () => startedCore.systemResumed?.();
  powerMonitor.on('resume', resumed);
  powerMonitor.on('unlock-screen', resumed);
  const unwireQuitGuard = wireQuitGuard({
    app,
    dialog,
    subscribe: (listener) => startedCore.events.subscribe(listener),
  });
  // Registered after the quit guard, so it sees whether the guard kept the app open.
  app.on('before-quit', (event) => {
    if (!event.defaultPrevented) quitting = true;
  });
  const controls = createLineControls({ core: startedCore, report: (message) => console.log(`[shell] ${message}`) });
  const desktop = wireDesktopPrefs({
    core: startedCore,
    app,
    globalShortcut,
    clipboard,
    controls,
    focusConsole: () => windows.focusMain(),
    platform,
    log: (message) => console.log(`[shell] ${message}`),
  });
  prefs.handle = desktop;
  void desktop.apply();
  const tray = wireTray({
    Tray,
    Menu,
    nativeImage,
    app,
    iconDir: paths.trayIconDir,
    core: startedCore,
    controls,
    actions: {
      showConsole: () => windows.focusMain(),
      showMissed: (callId) => navigate(callId ? `#/missed/${callId}` : '#/missed'),
      // The quit guard (above) asks first during a call or with a wrap-up pending.
      quit: () => app.quit(),
    },
  });
  const updates = options.updater
    ? wireUpdates({
        updater: options.updater,
        feedUrl: env['SWITCHBOARD_UPDATE_URL'],
        isPackaged: app.isPackaged,
        controls,
        subscribe: (listener) => startedCore.events.subscribe(listener),
        notifier,
        beforeInstall: () => (quitting = true),
        log: (message) => console.log(`[shell] ${message}`),
      })
    : null;
  // macOS: clicking the dock icon with no window open brings the console back.
  app.on('activate', () => windows.focusMain());
  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    unwireIpc();
    unwireAlerts();
    unwireReminders();
    unwireSyncAlerts();
    unwireQuitGuard();
    tray.close();
    updates?.close();
    desktop.close();
    controls.close();
    voiceHost?.close();
    startedCore.close();
  });

  return { core: startedCore, windows, notifier, tray, desktop };
}

import path from 'node:path';

/**
 * Where the shell finds its files in development (`electron-vite dev`/`preview`, the app
 * run from the repository) and when packaged by electron-builder.
 */
export interface ShellPaths {
  /** The sandboxed preload: a single CommonJS bundle (see electron.vite.config.ts). */
  preload: string;
  /** The voice host's preload (window.voiceBridge only), built beside the console's. */
  voicePreload: string;
  /** The built renderer, served on app://switchboard/. */
  rendererDir: string;
  /** drizzle-kit's migrations (journal + SQL), read by the core at start. */
  migrationsDir: string;
  /** The tray icons (resources/tray, drawn by resources/make-tray-icons.mjs). */
  trayIconDir: string;
  /**
   * better-sqlite3 built for Electron, in development only (scripts/electron-native.ts
   * puts it there; node_modules holds the Node build the tests use). Undefined when
   * packaged: electron-builder rebuilds node_modules for Electron (npmRebuild).
   */
  nativeBinding: string | undefined;
}

export interface ShellPathsInput {
  isPackaged: boolean;
  /** Folder of the built main bundle (out/main), from import.meta.url. */
  mainDir: string;
  /** app.getAppPath(): the repository root in development. */
  appPath: string;
  /** process.resourcesPath: the packaged app's resources folder. */
  resourcesPath: string;
  /** process.versions.electron. */
  electronVersion: string | undefined;
}

export function resolveShellPaths(input: ShellPathsInput): ShellPaths {
  return {
    preload: path.join(input.mainDir, '..', 'preload', 'index.cjs'),
    voicePreload: path.join(input.mainDir, '..', 'preload', 'voice.cjs'),
    rendererDir: path.join(input.mainDir, '..', 'renderer'),
    // Packaged: electron-builder's extraResources copies src/main/core/db/migrations to
    // <resources>/migrations, outside the asar, as plain files the core can read.
    migrationsDir: input.isPackaged
      ? path.join(input.resourcesPath, 'migrations')
      : path.join(input.appPath, 'src', 'main', 'core', 'db', 'migrations'),
    // Packaged: extraResources copies resources/tray to <resources>/tray.
    trayIconDir: input.isPackaged
      ? path.join(input.resourcesPath, 'tray')
      : path.join(input.appPath, 'resources', 'tray'),
    nativeBinding:
      input.isPackaged || !input.electronVersion
        ? undefined
        : path.join(input.appPath, '.electron-native', input.electronVersion, 'better_sqlite3.node'),
  };
}

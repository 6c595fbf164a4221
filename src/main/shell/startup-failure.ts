/**
 * What the agent reads when the core cannot start. A stack trace helps no one in a
 * dialog: the core's own refusals (a database from a newer Switchboard) are already
 * sentences, and a native module that will not load gets one that says what to run.
 */

export interface StartupFailure {
  title: string;
  message: string;
}

export interface StartupFailureContext {
  isPackaged: boolean;
  electronVersion: string | undefined;
}

/**
 * What Node and Electron say when a .node file is built for another ABI, another
 * platform, or is missing: better-sqlite3 loads its addon when the database is opened.
 */
const nativeLoadFailure = [
  /NODE_MODULE_VERSION/,
  /compiled against a different Node\.js version/,
  /Could not locate the bindings file/,
  /invalid ELF header/,
  /not a valid Win32 application/,
  /wrong ELF class/,
  /mach-o file, but is an incompatible architecture/,
  /better_sqlite3\.node/,
];

export function isNativeModuleFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if ((error as NodeJS.ErrnoException).code === 'ERR_DLOPEN_FAILED') return true;
  return nativeLoadFailure.some((pattern) => pattern.test(error.message));
}

export function describeStartupFailure(error: unknown, context: StartupFailureContext): StartupFailure {
  const title = 'Switchboard cannot start';
  if (isNativeModuleFailure(error)) {
    const electron = context.electronVersion ? `Electron ${context.electronVersion}` : 'this Electron';
    if (context.isPackaged) {
      return {
        title,
        message:
          `Switchboard's database module could not be loaded: it was not built for ${electron}. ` +
          'Reinstall Switchboard from a fresh download of the installer.',
      };
    }
    return {
      title,
      message:
        `Switchboard's database module (better-sqlite3) is not built for ${electron}: ` +
        'npm install builds it for Node, which the tests use. ' +
        'In the project folder run "npm run electron:native" (npm start runs it on its own; ' +
        'the first time it needs the network), then start Switchboard again.',
    };
  }
  // The core's refusals are written for the agent; keep only the sentence, never a stack.
  const message = error instanceof Error ? error.message : String(error);
  return { title, message: message.split('\n    at ')[0]!.trim() };
}

import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * better-sqlite3 built for Electron, kept apart from the Node build.
 *
 * `npm install` builds better-sqlite3 for Node: Vitest, browser mode and the server
 * tooling need exactly that. Electron embeds its own Node with another ABI
 * (NODE_MODULE_VERSION), so loading that same .node file into `npm start` kills the app
 * before a window opens. Rebuilding node_modules in place for Electron would break the
 * tests instead. So `npm start` and `npm run dev` run this first: it builds the addon
 * for the installed Electron into `.electron-native/<electron version>/`, in a scratch
 * copy of the package (node_modules is never touched), and records what it built for.
 * The shell opens the database with better-sqlite3's `nativeBinding` pointing there
 * (src/main/shell/paths.ts). A build that matches the installed Electron and
 * better-sqlite3 is reused; any change rebuilds it. Packaged apps do not use it:
 * electron-builder rebuilds node_modules for Electron itself (npmRebuild).
 */

export const NATIVE_DIR = '.electron-native';
export const ADDON_FILE = 'better_sqlite3.node';
export const STAMP_FILE = 'build.json';
export const BUILD_LOG = 'last-build.log';

/** What a build was made for; any difference means it is stale. */
export interface BuildTarget {
  electron: string;
  betterSqlite3: string;
  platform: string;
  arch: string;
}

/** Builds the addon in `workDir` (a scratch copy of better-sqlite3) and returns the .node file's path. */
export type NativeBuilder = (request: { target: BuildTarget; workDir: string }) => Promise<string>;

export interface EnsureOptions {
  /** The repository root (node_modules and .electron-native live here). */
  root: string;
  builder?: NativeBuilder;
  platform?: string;
  arch?: string;
  log?: (line: string) => void;
}

export type EnsureResult =
  | { status: 'fresh'; addon: string; target: BuildTarget }
  | { status: 'built'; addon: string; target: BuildTarget; reason: string };

export class NativeBuildError extends Error {
  override name = 'NativeBuildError';
}

function packageVersion(root: string, name: string): string {
  const file = path.join(root, 'node_modules', name, 'package.json');
  if (!existsSync(file)) throw new NativeBuildError(`${name} is not installed: run npm install first.`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

export function addonPath(root: string, electronVersion: string): string {
  return path.join(root, NATIVE_DIR, electronVersion, ADDON_FILE);
}

/** Why the recorded build does not fit the target, or null when it does. */
function staleReason(dir: string, target: BuildTarget): string | null {
  if (!existsSync(path.join(dir, ADDON_FILE))) return 'no build for this Electron yet';
  let recorded: Partial<BuildTarget>;
  try {
    recorded = JSON.parse(readFileSync(path.join(dir, STAMP_FILE), 'utf8')) as Partial<BuildTarget>;
  } catch {
    return 'the build has no record of what it was made for';
  }
  for (const key of ['electron', 'betterSqlite3', 'platform', 'arch'] as const) {
    if (recorded[key] !== target[key]) return `${key} changed (${recorded[key] ?? 'unknown'} → ${target[key]})`;
  }
  return null;
}

/** Makes sure `.electron-native/<electron>/better_sqlite3.node` matches what is installed. */
export async function ensureElectronNative(options: EnsureOptions): Promise<EnsureResult> {
  const log = options.log ?? (() => {});
  const target: BuildTarget = {
    electron: packageVersion(options.root, 'electron'),
    betterSqlite3: packageVersion(options.root, 'better-sqlite3'),
    platform: options.platform ?? process.platform,
    arch: options.arch ?? process.arch,
  };
  const dir = path.join(options.root, NATIVE_DIR, target.electron);
  const addon = path.join(dir, ADDON_FILE);
  const reason = staleReason(dir, target);
  if (!reason) return { status: 'fresh', addon, target };

  log(`Building better-sqlite3 ${target.betterSqlite3} for Electron ${target.electron} (${reason}); once only.`);
  // A scratch copy: prebuild-install and node-gyp write into the package's build/
  // folder, which in node_modules is the Node build the tests load.
  const workDir = mkdtempSync(path.join(tmpdir(), 'switchboard-electron-native-'));
  try {
    const packageDir = path.join(options.root, 'node_modules', 'better-sqlite3');
    cpSync(packageDir, workDir, {
      recursive: true,
      filter: (source) => path.relative(packageDir, source).split(path.sep)[0] !== 'build',
    });
    const built = await (options.builder ?? defaultBuilder(options.root))({ target, workDir });
    // The stamp goes last and the old one first: a build cut short is never taken as fresh.
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    cpSync(built, addon);
    writeFileSync(path.join(dir, STAMP_FILE), JSON.stringify(target, null, 2) + '\n');
  } catch (error) {
    if (error instanceof NativeBuildError) throw error;
    throw new NativeBuildError(
      `Could not build better-sqlite3 for Electron ${target.electron}: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  log(`Built ${path.relative(options.root, addon)}.`);
  return { status: 'built', addon, target, reason };
}

export type RunCommand = (command: string, args: string[], cwd: string) => Promise<void>;

/** Runs a build step; its last lines of stderr become the error. No stdin: nothing may prompt. */
const runNode: RunCommand = (command, args, cwd) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-64_000);
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) return resolve();
      reject(Object.assign(new Error(`exit code ${code}`), { output: stderr }));
    });
  });

/**
 * First a prebuilt binary for Electron's ABI (prebuild-install, better-sqlite3's own
 * installer, with the Electron runtime); failing that, a compile against Electron's
 * headers (node-gyp). Both need the network once; the result is kept.
 */
export function defaultBuilder(root: string, run: RunCommand = runNode): NativeBuilder {
  return async ({ target, workDir }) => {
    const bin = (name: string, file: string) => path.join(root, 'node_modules', name, file);
    const output = path.join(workDir, 'build', 'Release', ADDON_FILE);
    const platformArgs = [`--platform=${target.platform}`, `--arch=${target.arch}`];
    try {
      await run(
        process.execPath,
        [bin('prebuild-install', 'bin.js'), '--runtime=electron', `--target=${target.electron}`, ...platformArgs],
        workDir,
      );
      if (existsSync(output)) return output;
    } catch {
      // No prebuilt binary for this Electron (or no network): compile instead.
    }
    try {
      await run(
        process.execPath,
        [
          bin('node-gyp', path.join('bin', 'node-gyp.js')),
          'rebuild',
          '--release',
          '--runtime=electron',
          `--target=${target.electron}`,
          '--dist-url=https://electronjs.org/headers',
          `--arch=${target.arch}`,
        ],
        workDir,
      );
    } catch (error) {
      // node-gyp's output is long; keep it in a file and say where.
      const output = (error as { output?: unknown }).output;
      let seeLog = '';
      if (typeof output === 'string' && output) {
        mkdirSync(path.join(root, NATIVE_DIR), { recursive: true });
        writeFileSync(path.join(root, NATIVE_DIR, BUILD_LOG), output);
        seeLog = ` Its output is in ${path.join(NATIVE_DIR, BUILD_LOG)}.`;
      }
      throw new NativeBuildError(
        `Could not get better-sqlite3 for Electron ${target.electron}: no prebuilt binary could be downloaded, ` +
          `and compiling it failed (${error instanceof Error ? error.message : String(error)}).${seeLog} ` +
          'The first start needs the network once (for the binary or Electron headers) and a C++ toolchain to compile.',
      );
    }
    if (!existsSync(output)) throw new NativeBuildError(`node-gyp finished but left no ${ADDON_FILE}.`);
    return output;
  };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  ensureElectronNative({ root, log: (line) => console.log(line) }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}

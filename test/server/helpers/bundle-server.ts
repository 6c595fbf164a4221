import { build } from 'esbuild';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * The server and its CLI bundled for tests that run them as separate processes (this
 * file's tests, the e2e globalSetup, the crash harness): under tsx every start compiled
 * the sources again (about 0.8 s of CPU per start on the 2-core CI machine; cli.test.ts
 * starts the CLI 19 times and the server once). Packages stay external, so node resolves
 * them from the project's node_modules (the native SQLite driver, PGlite's wasm, pg)
 * exactly as under tsx; a bundle's folder must therefore lie inside the project.
 */
export const nodeBundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
} as const;

/** The server (`main.mjs`) and its CLI (`cli.mjs`) bundled into `outdir`. */
export async function bundleServerInto(outdir: string): Promise<{ cli: string; main: string }> {
  await build({ ...nodeBundleOptions, entryPoints: { main: 'src/server/main.ts', cli: 'src/server/cli.ts' }, outdir });
  // database.ts reads its migrations from './migrations' beside itself.
  cpSync('src/server/db/migrations', path.join(outdir, 'migrations'), { recursive: true });
  return { cli: path.join(outdir, 'cli.mjs'), main: path.join(outdir, 'main.mjs') };
}

export interface ServerBundle {
  cli: string;
  main: string;
  remove(): void;
}

/** A bundle of the server in a folder of its own, so test files (and runs) building at the same time never share one. */
export async function bundleServer(): Promise<ServerBundle> {
  const cacheDir = path.resolve('node_modules/.cache');
  mkdirSync(cacheDir, { recursive: true });
  const outdir = mkdtempSync(path.join(cacheDir, 'switchboard-server-bundle-'));
  return { ...(await bundleServerInto(outdir)), remove: () => rmSync(outdir, { recursive: true, force: true }) };
}

import { build } from 'esbuild';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * The server and its CLI bundled once for a test file that runs them as separate
 * processes, as the e2e globalSetup and the chaos harness do: under tsx every start
 * compiled the sources again (about 0.8 s of CPU per start on the 2-core CI machine;
 * cli.test.ts starts the CLI 19 times and the server once). Packages stay external,
 * so node resolves them from the project's node_modules (PGlite's wasm, pg) exactly as
 * under tsx.
 */
export interface ServerBundle {
  cli: string;
  main: string;
  remove(): void;
}

export async function bundleServer(): Promise<ServerBundle> {
  // Inside node_modules so the bundle resolves the project's packages; a folder of its
  // own so test files (and runs) building at the same time never share one.
  const cacheDir = path.resolve('node_modules/.cache');
  mkdirSync(cacheDir, { recursive: true });
  const outdir = mkdtempSync(path.join(cacheDir, 'switchboard-server-bundle-'));
  await build({
    entryPoints: { main: 'src/server/main.ts', cli: 'src/server/cli.ts' },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
  });
  // database.ts reads its migrations from './migrations' beside itself.
  cpSync('src/server/db/migrations', path.join(outdir, 'migrations'), { recursive: true });
  return {
    cli: path.join(outdir, 'cli.mjs'),
    main: path.join(outdir, 'main.mjs'),
    remove: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

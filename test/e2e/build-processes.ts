import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { bundleServerInto, nodeBundleOptions } from '../server/helpers/bundle-server';
import { prepareCrmTemplate } from './crm-server';
import { E2E_BUILD_ENV } from './processes';

/**
 * Playwright's globalSetup: bundles the browser-mode host and the CRM server (and its CLI)
 * once, so every test starts them with plain node instead of tsx compiling the sources
 * again (about 2.5 s of CPU per start on the 2-core CI machine, 78+ starts a run); and
 * the CRM server's data folder with its accounts, copied by every test that starts one.
 *
 * Packages stay external: node resolves them from the project's node_modules, so the native SQLite driver and PGlite's wasm files are
 * loaded exactly as under tsx. Paths the code takes from its own module (the server's
 * migrations beside database.ts, the pull worker beside serve.ts) are given the same
 * neighbours in the bundle's folder.
 */

/** Inside node_modules (as the chaos harness's bundles), so the bundles resolve the project's packages. */
const e2eBuildDir = path.resolve('node_modules/.cache/switchboard-e2e');

export default async function globalSetup(): Promise<void> {
  rmSync(e2eBuildDir, { recursive: true, force: true });
  await Promise.all([
    build({
      ...nodeBundleOptions,
      entryPoints: {
        serve: 'src/main/browser-mode/serve.ts',
        'pull-worker': 'src/main/core/sync/pull-worker.ts',
      },
      outdir: path.join(e2eBuildDir, 'desktop'),
    }),
    bundleServerInto(path.join(e2eBuildDir, 'server')),
  ]);
  process.env[E2E_BUILD_ENV] = e2eBuildDir;
  prepareCrmTemplate(path.join(e2eBuildDir, 'crm-template'));
}

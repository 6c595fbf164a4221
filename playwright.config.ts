import { defineConfig } from '@playwright/test';
import { chromiumPath } from './test/chromium';

/**
 * End-to-end tests run the real core (Node, real SQLite file), the real UI (built
 * with vite.browser.config.ts) and Debian's Chromium, which is what this machine has:
 * browsers cannot be downloaded here, so Playwright never installs its own.
 */
export default defineConfig({
  testDir: 'test/e2e',
  // Bundles the host and the CRM server once; tests start them with plain node.
  globalSetup: './test/e2e/build-processes.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Two spec files at a time, each in its own worker (a file's tests stay in order in one
  // worker: some share a CRM server started in beforeAll). Every test has its own host,
  // data folder and ports (port 0, temporary folders), and screenshots have distinct
  // names, so files do not meet. A test mostly waits (process starts, syncs, the
  // browser's layout), so the second worker uses the second core: 24 tests of five files
  // 3.1 min -> 2.6 min at load 8-11 on the shared 2-core machine; all 79 tests 19.8 min
  // before, 11.8 min (load 4-11) and 7.5 min (load 1-10) after. Both failures seen were
  // CPU-starved, so keep the machine free of other work: a media test whose audio had not
  // arrived in 10 s while electron-renderer.spec.ts built the renderer beside it (CI has
  // built it before), and bulk-owner's filter chosen before the table's layout loaded
  // (fixed in the test).
  fullyParallel: false,
  // The two flakes of fresh-clone CI runs with two workers were races that load exposes,
  // found and fixed: forms' wrap-up read before the core had opened it (test), and a call
  // tag typed while the previous one saved, wiped by that save (the tag editor). Waits for
  // the wrap-up draft and the call notes to be saved replaced fixed sleeps.
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: chromiumPath(),
      // The closed network refuses Chromium's background connections; these keep it quiet.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});

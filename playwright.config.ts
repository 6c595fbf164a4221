import { defineConfig } from '@playwright/test';

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
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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

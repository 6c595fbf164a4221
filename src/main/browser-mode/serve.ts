/**
 * `npm run browser`: the core in plain Node, the UI in any Chromium, talking over a
 * WebSocket. Used for development and by the Playwright tests (see README).
 *
 *   tsx src/main/browser-mode/serve.ts [--port 5180] [--data-dir DIR] [--static-dir dist-web] [--no-demo]
 *     [--server-url http://127.0.0.1:4317] [--twilio-signaling-host fake-twilio.test]
 *     [--manual-clock 2026-03-10T14:00:00Z]
 *
 * The CRM server runs separately (`npm run server`); --server-url (or SWITCHBOARD_SERVER_URL)
 * only pre-fills the login form. The session secret is kept in DIR/session.secret (0600).
 *
 * Prints one JSON line `{"url": "..."}` once listening, so a test can start it on port 0.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { manualClock } from '../core/clock';
import { createCore } from '../core/create-core';
import { startBrowserHost } from './host';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '5180' },
    'data-dir': { type: 'string', default: process.env.SWITCHBOARD_DATA_DIR ?? '.switchboard-data/browser' },
    'static-dir': { type: 'string', default: 'dist-web' },
    'no-demo': { type: 'boolean', default: false },
    'server-url': { type: 'string', default: process.env.SWITCHBOARD_SERVER_URL },
    // Tests only: the fake Twilio's signaling host instead of Twilio's.
    'twilio-signaling-host': { type: 'string', default: process.env.SWITCHBOARD_TWILIO_SIGNALING_HOST },
    // Tests only: the core's clock stands at this instant and moves with dev.clock.advance.
    'manual-clock': { type: 'string' },
  },
});

const projectRoot = process.cwd();
// Bundled (the e2e tests build this file once), the pull worker is bundled beside it;
// from source, the core loads the worker's TypeScript under tsx itself.
const bundledWorker = import.meta.url.endsWith('.ts')
  ? null
  : fileURLToPath(new URL('./pull-worker.mjs', import.meta.url));
const sync = {
  ...(values['server-url'] ? { defaultServerUrl: values['server-url'] } : {}),
  ...(bundledWorker ? { pullWorker: { entry: bundledWorker } } : {}),
};
const core = createCore({
  dataDir: path.resolve(values['data-dir']),
  host: 'browser',
  migrationsDir: path.join(projectRoot, 'src/main/core/db/migrations'),
  version: process.env.npm_package_version ?? '0.0.0-dev',
  seedDemo: !values['no-demo'],
  ...(values['manual-clock'] ? { clock: manualClock(new Date(values['manual-clock'])) } : {}),
  sync,
  ...(values['twilio-signaling-host'] ? { voice: { signalingHost: values['twilio-signaling-host'] } } : {}),
});
const host = await startBrowserHost({
  core,
  staticDir: path.resolve(values['static-dir']),
  port: Number(values.port),
});
console.log(JSON.stringify({ url: host.url }));

// Stop taking requests, then close the core (it lets a running sync round finish its
// transaction), then exit. A second signal while closing is ignored.
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await host.close();
  core.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

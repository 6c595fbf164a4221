/**
 * `npm run browser`: the core in plain Node, the UI in any Chromium, talking over a
 * WebSocket. Used for development and by the Playwright tests (see README).
 *
 *   tsx src/main/browser-mode/serve.ts [--port 5180] [--data-dir DIR] [--static-dir dist-web] [--no-demo]
 *
 * Prints one JSON line `{"url": "..."}` once listening, so a test can start it on port 0.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../core/create-core';
import { startBrowserHost } from './host';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '5180' },
    'data-dir': { type: 'string', default: process.env.SWITCHBOARD_DATA_DIR ?? '.switchboard-data/browser' },
    'static-dir': { type: 'string', default: 'dist-web' },
    'no-demo': { type: 'boolean', default: false },
  },
});

const projectRoot = process.cwd();
const core = createCore({
  dataDir: path.resolve(values['data-dir']),
  host: 'browser',
  migrationsDir: path.join(projectRoot, 'src/main/core/db/migrations'),
  version: process.env.npm_package_version ?? '0.0.0-dev',
  seedDemo: !values['no-demo'],
});
const host = await startBrowserHost({
  core,
  staticDir: path.resolve(values['static-dir']),
  port: Number(values.port),
});
console.log(JSON.stringify({ url: host.url }));

const stop = async () => {
  await host.close();
  core.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHost } from '../../e2e/console-host';

/**
 * The browser-mode host quits on SIGTERM while a browser still holds a connection that has
 * sent no request yet (Chromium opens such sockets ahead of need). Node's server.close()
 * ends only idle connections and waits for the rest until its request timeout (5 min):
 * e2e teardowns waited 30 s to 5 min for hosts to exit.
 */
let dataDir: string;
let staticDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'switchboard-host-shutdown-'));
  staticDir = mkdtempSync(join(tmpdir(), 'switchboard-host-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Switchboard</title>');
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(staticDir, { recursive: true, force: true });
});

it('exits on SIGTERM while a connection is open with no request on it', async () => {
  const host = await startHost(dataDir, 0, ['--no-demo', '--static-dir', staticDir]);
  const exited = new Promise<number | null>((resolve) => host.child.once('exit', (code) => resolve(code)));
  const { port } = new URL(host.url);
  const preconnected = connect(Number(port), '127.0.0.1');
  preconnected.on('error', () => {});
  await new Promise<void>((resolve) => preconnected.once('connect', () => resolve()));

  host.child.kill('SIGTERM');
  const outcome = await Promise.race([
    exited.then((code) => `exit ${code}`),
    new Promise<string>((resolve) => setTimeout(() => resolve('still running after 10 s'), 10_000)),
  ]);
  if (outcome !== 'exit 0') host.child.kill('SIGKILL');
  preconnected.destroy();
  expect(outcome).toBe('exit 0');
}, 60_000);

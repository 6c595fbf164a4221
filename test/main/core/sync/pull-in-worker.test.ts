import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../../src/main/core/create-core';
import { openLocalDb } from '../../../../src/main/core/db/open';
import { createWorkerPull } from '../../../../src/main/core/sync/pull-in-worker';
import { createMemorySecretStore } from '../../../../src/main/core/sync/secret-store';
import { SessionExpiredError } from '../../../../src/main/core/sync/session';
import { readSyncState } from '../../../../src/main/core/sync/sync-state';
import { createHttpTransport } from '../../../../src/main/core/sync/transport';
import { startServer, stopServer, type ServerInfo } from '../../../bench/sync';

/**
 * The directory download in its worker thread, against a real server over HTTP (the
 * bench's server process, seeded with CONTACTS contacts): the worker fetches, parses and
 * writes through its own connection, takes its access token from the main thread, and
 * its failures reach the engine as the same kinds of error the main thread's would.
 */

const CONTACTS = 2_500;
const migrationsDir = join(process.cwd(), 'src/main/core/db/migrations');
let server: { info: ServerInfo; child: ChildProcess };
let accessToken: string;
const dirs: string[] = [];

beforeAll(async () => {
  server = await startServer(CONTACTS);
  const reply = await fetch(`${server.info.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ company: server.info.company, email: server.info.email, password: server.info.password }),
  });
  accessToken = ((await reply.json()) as { accessToken: string }).accessToken;
}, 120_000);

afterAll(async () => {
  if (server) await stopServer(server.child);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function freshStore() {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-pull-worker-'));
  dirs.push(dir);
  return openLocalDb({ file: join(dir, 'switchboard.sqlite'), migrationsDir });
}

const contactCount = (local: ReturnType<typeof freshStore>) =>
  (local.sqlite.prepare('select count(*) as n from contacts').get() as { n: number }).n;

describe('the directory download in a worker thread', () => {
  it('writes every page through its own connection and asks this thread for the token, again after a 401', async () => {
    const local = freshStore();
    const asked: boolean[] = [];
    const pages: string[][] = [];
    const pull = createWorkerPull({
      local,
      // The first token is refused by the server: the worker must come back for a renewed one.
      session: {
        accessFor: async (renew) => {
          asked.push(renew);
          return { serverUrl: server.info.url, token: asked.length === 1 ? 'not-a-token' : accessToken };
        },
      },
      entry: null,
      timeoutMs: 30_000,
      sliceSize: 500,
    });
    let deferred = false;
    await pull({
      userId: 'agent',
      limit: 1_000,
      onPage: (entities) => pages.push(entities),
      onFactsDeferred: () => {
        deferred = true;
      },
      signal: new AbortController().signal,
    });
    expect(contactCount(local)).toBe(CONTACTS);
    const state = readSyncState(local.db);
    expect(state.directoryPhase).toBe('done');
    expect(state.directoryDownloaded).toBe(CONTACTS);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.flat()).toContain('contacts');
    expect(deferred).toBe(true);
    expect(asked.slice(0, 2)).toEqual([false, true]);
    local.close();
  });

  it('fails with the main thread’s own error when the session ends, and writes nothing', async () => {
    const local = freshStore();
    const ended = new SessionExpiredError();
    const pull = createWorkerPull({
      local,
      session: {
        accessFor: async () => {
          throw ended;
        },
      },
      entry: null,
      timeoutMs: 30_000,
    });
    const run = pull({
      userId: 'agent',
      limit: 1_000,
      onPage: () => {},
      onFactsDeferred: () => {},
      signal: new AbortController().signal,
    });
    await expect(run).rejects.toBe(ended);
    expect(contactCount(local)).toBe(0);
    local.close();
  });

  it('reports an unreachable server as offline (a TransportError), like the main thread', async () => {
    const local = freshStore();
    const pull = createWorkerPull({
      local,
      session: { accessFor: async () => ({ serverUrl: 'http://127.0.0.1:9', token: accessToken }) },
      entry: null,
      timeoutMs: 5_000,
    });
    const run = pull({
      userId: 'agent',
      limit: 1_000,
      onPage: () => {},
      onFactsDeferred: () => {},
      signal: new AbortController().signal,
    });
    await expect(run).rejects.toMatchObject({ name: 'TransportError' });
    local.close();
  });

  it('carries a core on the fetch transport through its first download to the end: every contact, found by number', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-pull-worker-core-'));
    dirs.push(dataDir);
    const core = createCore({
      dataDir,
      host: 'browser',
      migrationsDir,
      version: 'test',
      seedDemo: false,
      sync: {
        transport: createHttpTransport(),
        secrets: createMemorySecretStore(),
        timers: { setTimeout: () => 0, clearTimeout: () => {} },
      },
    });
    try {
      const login = await core.dispatch('session.login', {
        serverUrl: server.info.url,
        company: server.info.company,
        email: server.info.email,
        password: server.info.password,
      });
      expect(login.ok).toBe(true);
      await core.sync!.runOnce();
      await core.sync!.idle();
      const status = core.sync!.status();
      expect(status.directory).toMatchObject({ phase: 'done', downloaded: CONTACTS });
      const listed = await core.dispatch('contacts.list', { limit: 1 });
      expect(listed.ok && (listed.value as { total: number }).total).toBe(CONTACTS);
      // Found by number once the facts the download deferred are filled (after the round).
      const byNumber = await core.dispatch('contacts.list', { search: '(212) 000-0042', limit: 5 });
      expect(byNumber.ok && (byNumber.value as { items: Array<{ id: string }> }).items.map((c) => c.id)).toEqual([
        'ct-00000042',
      ]);
    } finally {
      core.close();
    }
  });
});

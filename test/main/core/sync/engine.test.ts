import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDirectory } from '../../../../src/server/directory/store';
import { backoffCeiling, backoffDelay } from '../../../../src/main/core/sync/backoff';
import { createScreenPopLookup } from '../../../../src/main/core/lookup/screen-pop';
import { createSyncEngine, type SyncTimers } from '../../../../src/main/core/sync/engine';
import { calls as serverCalls } from '../../../../src/server/db/schema';
import { eq } from 'drizzle-orm';
import { createFileSecretStore, createMemorySecretStore } from '../../../../src/main/core/sync/secret-store';
import { createSessionManager } from '../../../../src/main/core/sync/session';
import { TransportError, type SyncTransport } from '../../../../src/main/core/sync/transport';
import { openLocalDb } from '../../../../src/main/core/db/open';
import { appendMutation } from '../../../../src/main/core/sync/append-mutation';
import { createEventBus } from '../../../../src/main/core/events';
import type { CallRecord } from '../../../../src/shared/domain/call';
import type { RejectedChange } from '../../../../src/shared/api/sync';
import {
  seedCompany,
  startTestServerForDesktops,
  type TestCompany,
  type TestServer,
} from '../../../server/helpers/server';
import { fixtureTx, migrationsDir, tempDir } from '../helpers';
import { dbFile, injectTransport, openDesktop, signIn, switchable } from './harness';

let server: TestServer;
let company: TestCompany;
beforeAll(async () => {
  server = await startTestServerForDesktops();
  company = await seedCompany(server, 'units');
});
afterAll(async () => server.close());

/** Records every request path (and push batch sizes) on the way through. */
function recording(inner: SyncTransport) {
  const log: { path: string; size?: number }[] = [];
  const transport: SyncTransport = {
    async request(request) {
      const mutations = (request.body as { mutations?: unknown[] } | undefined)?.mutations;
      log.push({ path: request.path, ...(mutations ? { size: mutations.length } : {}) });
      return inner.request(request);
    },
  };
  return { transport, log };
}

function raw(desktop: { dataDir: string }) {
  return new Database(join(desktop.dataDir, 'switchboard.sqlite'));
}

describe('back-off with full jitter', () => {
  it('doubles the ceiling from the base on each failure and stops at the cap', () => {
    const policy = { baseMs: 1_000, capMs: 60_000 };
    expect([1, 2, 3, 4, 5, 6, 7, 8, 30].map((n) => backoffCeiling(n, policy))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000,
    ]);
  });

  it('waits a uniformly random time between 0 and the ceiling', () => {
    expect(backoffDelay(3, () => 0)).toBe(0);
    expect(backoffDelay(3, () => 0.5)).toBe(2_000);
    expect(backoffDelay(3, () => 0.999_999)).toBe(3_999);
  });

  it('the engine schedules retries on that curve, and "sync now" skips the wait', async () => {
    const desktop = openDesktop(injectTransport(server));
    await signIn(desktop, 'units', company.agent.email);
    desktop.close();
    const scheduled: number[] = [];
    const timers: SyncTimers = { setTimeout: (_cb, ms) => scheduled.push(ms), clearTimeout: () => {} };
    const local = openLocalDb({ file: dbFile(desktop), migrationsDir });
    const dead: SyncTransport = {
      request: async () => {
        throw new TransportError('unreachable');
      },
    };
    const session = createSessionManager({ local, transport: dead, secrets: desktop.secrets, now: () => new Date() });
    let clock = 0;
    const engine = createSyncEngine({
      local,
      session,
      events: createEventBus(),
      now: () => new Date(clock),
      userId: () => company.agent.id,
      timers,
      random: () => 0.5,
      options: { backoff: { baseMs: 1_000, capMs: 8_000 } },
    });
    for (let i = 0; i < 5; i++) {
      await engine.runOnce();
      clock += 100_000; // past the previous timer, so each retry is scheduled afresh
    }
    expect(scheduled).toEqual([500, 1_000, 2_000, 4_000, 4_000]);
    expect(engine.status()).toMatchObject({ state: 'offline', lastError: { code: 'offline' } });
    engine.syncNow();
    expect(scheduled.at(-1)).toBe(0);
    await engine.close();
    local.close();
  });
});

describe('push', () => {
  it('sends what is waiting in batches of the configured size and confirms all of it', async () => {
    const { transport, log } = recording(injectTransport(server));
    const desktop = openDesktop(transport, { pushBatch: 500 });
    await signIn(desktop, 'units', company.agent.email);
    const local = openLocalDb({ file: dbFile(desktop), migrationsDir });
    local.sqlite.transaction(() => {
      for (let i = 0; i < 1_200; i++) {
        appendMutation(fixtureTx(local), 'note.add', {
          id: `batch-${i}`,
          body: `note ${i}`,
          at: '2026-03-10T12:00:00.000Z',
        });
      }
    })();
    local.close();
    expect(desktop.core.sync!.status().pending).toBe(1_200);
    const status = await desktop.sync();
    expect(log.filter((entry) => entry.path === '/sync/push').map((entry) => entry.size)).toEqual([500, 500, 200]);
    expect(status).toMatchObject({ pending: 0, rejected: 0, state: 'online' });
    const db = raw(desktop);
    expect(db.prepare('select count(*) as n from outbox').get()).toEqual({ n: 0 });
    expect(db.prepare(`select count(*) as n from notes where id like 'batch-%'`).get()).toEqual({ n: 1_200 });
    db.close();
    desktop.close();
  });

  it('records a refusal with its reason, counts it, and stops waiting for it', async () => {
    const desktop = openDesktop(injectTransport(server));
    await signIn(desktop, 'units', company.agent.email);
    const local = openLocalDb({ file: dbFile(desktop), migrationsDir });
    appendMutation(fixtureTx(local), 'call.update', {
      id: 'no-such-call',
      set: { subject: 'x' },
      at: '2026-03-10T12:00:00.000Z',
    });
    local.close();
    const status = await desktop.sync();
    expect(status).toMatchObject({ pending: 0, rejected: 1 });
    const { items } = await desktop.invoke<{ items: RejectedChange[] }>('sync.rejections', {});
    expect(items).toMatchObject([
      { name: 'call.update', code: 'not_found', target: { entity: 'calls', id: 'no-such-call' } },
    ]);
    expect(items[0]!.message).toMatch(/not found/);
    desktop.close();
  });

  it('a 503 part way keeps the rest queued; the retry sends only what the server did not take', async () => {
    const { transport, log } = recording(injectTransport(server));
    const desktop = openDesktop(transport);
    await signIn(desktop, 'units', company.agent.email);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push((await desktop.invoke<CallRecord>('calls.create', { direction: 'Outbound', subject: `c${i}` })).id);
    }
    server.faults.afterMutationWrites = async (_tx, mutation) => {
      if (mutation.name === 'call.create' && mutation.id === 3) throw new Error('connection reset');
    };
    try {
      const failed = await desktop.sync();
      expect(failed).toMatchObject({ state: 'error', pending: 2, lastError: { code: 'server_busy' } });
    } finally {
      server.faults.afterMutationWrites = undefined;
    }
    log.length = 0;
    expect(await desktop.sync()).toMatchObject({ state: 'online', pending: 0 });
    expect(log.find((entry) => entry.path === '/sync/push')?.size).toBe(2);
    desktop.close();
  });
});

describe('pull', () => {
  it('a reset (unknown cursor) rebuilds the cache and keeps the agent’s waiting changes on top', async () => {
    const net = switchable(injectTransport(server));
    const desktop = openDesktop(net.transport);
    await signIn(desktop, 'units', company.agent2.email);
    const synced = await desktop.invoke<CallRecord>('calls.create', { direction: 'Outbound', subject: 'Synced' });
    await desktop.sync();
    net.cable.online = false;
    await desktop.invoke('calls.update', { id: synced.id, subject: 'Edited offline' });
    const db = raw(desktop);
    // A stale row the server no longer has, and a cursor the server does not recognise.
    db.prepare(
      `insert into tasks (id, subject, status, priority, owner_id, created_at, updated_at)
      values ('ghost', 'Ghost', 'Open', 'Normal', 'x', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
    ).run();
    db.prepare(`update sync_state set cursor = 'not-a-cursor'`).run();
    net.cable.online = true;
    await desktop.core.sync!.runOnce();
    expect(db.prepare(`select count(*) as n from tasks where id = 'ghost'`).get()).toEqual({ n: 0 });
    expect((await desktop.invoke<CallRecord>('calls.get', { id: synced.id })).subject).toBe('Edited offline');
    db.close();
    desktop.close();
  });

  it('a reset drops a record the server no longer has, though a change of it waited (the clear kept it in view)', async () => {
    const net = switchable(injectTransport(server));
    const desktop = openDesktop(net.transport);
    await signIn(desktop, 'units', company.agent2.email);
    const gone = await desktop.invoke<CallRecord>('calls.create', { direction: 'Outbound', subject: 'Gone' });
    await desktop.sync();
    net.cable.online = false;
    await desktop.invoke('calls.update', { id: gone.id, subject: 'Edited offline' });
    // Deleted on the server with its tombstone already forgotten (compacted): only a reset tells.
    await server.database.db.delete(serverCalls).where(eq(serverCalls.id, gone.id));
    const db = raw(desktop);
    db.prepare(`update sync_state set cursor = 'not-a-cursor'`).run();
    net.cable.online = true;
    await desktop.core.sync!.runOnce();
    expect(db.prepare(`select count(*) as n from calls where id = ?`).get(gone.id)).toEqual({ n: 0 });
    db.close();
    desktop.close();
  });

  it('the first directory download shows progress, survives a restart mid-way and resumes where it stopped', async () => {
    const contacts = Array.from({ length: 2_500 }, (_, i) => ({
      id: `dir-${String(i).padStart(5, '0')}`,
      firstName: 'Dana',
      lastName: `Number ${i}`,
      phones: [{ kind: 'work', e164: `+1415555${String(i).padStart(4, '0')}` }],
      timeZone: null,
      accountId: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    }));
    const other = await seedCompany(server, 'bigdir');
    await importDirectory(server.database.db, other.id, 'contacts', contacts);

    let pulls = 0;
    let failAfter = 2;
    const inner = injectTransport(server);
    const flaky: SyncTransport = {
      async request(request) {
        if (request.path === '/sync/pull' && ++pulls > failAfter) throw new TransportError('cable cut');
        return inner.request(request);
      },
    };
    const desktop = openDesktop(flaky, { pullLimit: 1_000 });
    await signIn(desktop, 'bigdir', other.agent.email);
    const seen: number[] = [];
    desktop.core.events.subscribe((name, payload) => {
      if (name === 'sync.changed') seen.push((payload as { directory: { downloaded: number } }).directory.downloaded);
    });
    const stopped = await desktop.sync();
    expect(stopped.directory).toEqual({ phase: 'downloading', downloaded: 2_000 });
    expect(seen).toContain(1_000);

    const restarted = desktop.reopen(inner);
    const requests = recording(inner);
    const again = openDesktop(requests.transport, {
      dataDir: restarted.dataDir,
      secrets: restarted.secrets,
      pullLimit: 1_000,
    });
    restarted.close();
    failAfter = Infinity;
    const done = await again.sync();
    expect(done.directory).toEqual({ phase: 'done', downloaded: 2_500 });
    // One page was left: the download resumed, it did not start over.
    expect(requests.log.filter((entry) => entry.path === '/sync/pull')).toHaveLength(1);
    expect((await again.invoke<{ total: number }>('contacts.list', { limit: 1 })).total).toBe(2_500);

    // The download deferred its numbers' display form and zone (a third of its cost): the pop
    // is right before the background fill ends, and the fill then puts them on phones and cards.
    const db = raw(again);
    const pop = createScreenPopLookup(db, () => new Date('2026-07-01T16:30:00.000Z'));
    const ring = () => pop.lookup('+14155550007');
    expect(ring()).toMatchObject({ numberDisplay: '+1 415 555 0007', matches: [{ id: 'dir-00007' }] });
    const before = ring();
    await again.core.sync!.idle();
    const unfilled = (table: string) =>
      (db.prepare(`select count(*) as n from ${table} where display is null`).get() as { n: number }).n;
    expect([unfilled('phones'), unfilled('caller_cards')]).toEqual([0, 0]);
    expect(db.prepare(`select display from caller_cards where owner_id = 'dir-00007'`).get()).toEqual({
      display: '+1 415 555 0007',
    });
    expect(ring()).toEqual(before);
    db.close();
    again.close();
  });
});

describe('session renewal', () => {
  it('a refresh whose answer was lost, then the server down for 10 minutes: the desktop renews with its spent token and stays signed in', async () => {
    const loss = { nextRefresh: false };
    const inner = injectTransport(server);
    const { transport, cable } = switchable({
      async request(request) {
        const reply = await inner.request(request);
        if (request.path === '/auth/refresh' && loss.nextRefresh) {
          // The server spent the token and issued a pair; the answer never arrives.
          loss.nextRefresh = false;
          throw new TransportError('The connection dropped.');
        }
        return reply;
      },
    });
    const saved = server.clock.now;
    const desktop = openDesktop(transport, { now: () => server.clock.now });
    try {
      await signIn(desktop, 'units', company.agent.email);
      expect(await desktop.sync()).toMatchObject({ state: 'online' });
      const spent = desktop.secrets.read();
      // The access token has expired: the next round refreshes, and loses the answer.
      server.clock.now = new Date(saved.getTime() + 16 * 60_000);
      loss.nextRefresh = true;
      expect(await desktop.sync()).toMatchObject({ state: 'offline' });
      expect(loss.nextRefresh).toBe(false);
      expect(desktop.secrets.read()).toBe(spent);
      // The server is down for ten minutes; the agent keeps working.
      cable.online = false;
      await desktop.invoke('calls.create', { direction: 'Inbound', subject: 'Logged while the server was down' });
      server.clock.now = new Date(saved.getTime() + 26 * 60_000);
      expect(await desktop.sync()).toMatchObject({ state: 'offline', pending: 1 });
      // Back up: the spent token is renewed (its holder never used what it earned).
      cable.online = true;
      expect(await desktop.sync()).toMatchObject({ state: 'online', pending: 0 });
      expect(desktop.secrets.read()).not.toBe(spent);
      expect(await desktop.invoke('session.get')).toMatchObject({ signedIn: true });
      server.clock.now = saved; // the seeded agent's access token is from then
      const calls = await server.app.inject({
        method: 'GET',
        url: '/calls?limit=50',
        headers: { authorization: `Bearer ${company.agent.token}` },
      });
      expect(calls.body).toContain('Logged while the server was down');
    } finally {
      server.clock.now = saved;
      desktop.close();
    }
  });
});

describe('session storage', () => {
  it('browser mode keeps the secret in a file only its user can read', () => {
    const file = join(tempDir(), 'session.secret');
    const store = createFileSecretStore(file);
    store.write('refresh-token');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(createFileSecretStore(file).read()).toBe('refresh-token');
    store.clear();
    expect(store.read()).toBeNull();
    expect(createMemorySecretStore().read()).toBeNull();
  });

  it('sign-out keeps local data and waiting changes; the engine goes idle', async () => {
    const desktop = openDesktop(injectTransport(server));
    await signIn(desktop, 'units', company.agent.email);
    await desktop.invoke('session.logout');
    await desktop.invoke('calls.create', { direction: 'Inbound', subject: 'After sign-out' });
    expect(await desktop.sync()).toMatchObject({ state: 'signed-out', pending: 1 });
    expect(await desktop.invoke('session.get')).toMatchObject({ signedIn: false, company: 'units', user: null });
    desktop.close();
  });
});

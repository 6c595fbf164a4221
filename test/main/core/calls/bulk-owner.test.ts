import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BulkResult } from '../../../../src/shared/api/bulk';
import type { Teammate } from '../../../../src/shared/api/teammates';
import type { CallRecord } from '../../../../src/shared/domain/call';
import {
  as,
  seedCompany,
  startTestServerForDesktops,
  type TestCompany,
  type TestServer,
} from '../../../server/helpers/server';
import { dbFile, injectTransport, openDesktop, signIn, type Desktop } from '../sync/harness';

/** The bulk bar's "Change owner", through the core's dispatch: who may, 10,000 calls, Undo, and the sync that follows. */

let server: TestServer;
let company: TestCompany;
beforeAll(async () => {
  server = await startTestServerForDesktops();
  company = await seedCompany(server, 'bulkowner');
}, 180_000);
afterAll(async () => server.close());

async function supervisorDesktop(): Promise<Desktop> {
  const desktop = openDesktop(injectTransport(server));
  await signIn(desktop, 'bulkowner', company.supervisor.email);
  await desktop.sync();
  // The picker's list: the company's users, read from the server after the sync.
  await vi.waitFor(async () =>
    expect((await desktop.invoke<{ items: Teammate[] }>('teammates.list')).items.map((t) => t.id)).toContain(
      company.agent2.id,
    ),
  );
  return desktop;
}

/** 10,000 missed inbound calls (every fourth already agent 2's) and 10 outbound ones (agent 1's), written straight into the store. */
function seedCalls(desktop: Desktop): void {
  const db = new Database(dbFile(desktop));
  try {
    db.pragma('busy_timeout = 5000');
    const insert = db.prepare(
      `insert into calls (id, direction, subject, status, actual_start, outcome_text, owner_id, created_at, updated_at)
       values (?, ?, ?, ?, ?, '', ?, ?, ?)`,
    );
    const start = Date.parse('2026-11-01T08:00:00.000Z');
    db.transaction(() => {
      for (let i = 0; i < 10_010; i++) {
        const at = new Date(start + i * 60_000).toISOString();
        const inbound = i < 10_000;
        const owner = inbound && i % 4 === 0 ? company.agent2.id : company.agent.id;
        insert.run(
          `own-${i}`,
          inbound ? 'Inbound' : 'Outbound',
          `Call ${i}`,
          inbound ? 'NotHeld' : 'Held',
          at,
          owner,
          at,
          at,
        );
      }
    })();
  } finally {
    db.close();
  }
}

const owned = async (desktop: Desktop, ownerId: string, direction?: 'Inbound' | 'Outbound') =>
  (
    await desktop.invoke<{ total: number }>('calls.tableCount', {
      filter: { ownerId, ...(direction ? { direction } : {}) },
    })
  ).total;

function queuedOwners(desktop: Desktop): { id: string; ownerId: string }[] {
  const db = new Database(dbFile(desktop), { readonly: true });
  try {
    const rows = db.prepare(`select args from outbox where name = 'call.setOwner' order by mutation_id`).all() as {
      args: string;
    }[];
    return rows.map((row) => JSON.parse(row.args) as { id: string; ownerId: string });
  } finally {
    db.close();
  }
}

// A test server and signed-in desktops on a machine shared with other work: slow, not stuck.
describe('bulk change of owner', { timeout: 300_000 }, () => {
  it('gives 10,000 calls selected by a filter to a colleague, one mutation per call changed, and Undo gives each back to its own owner', async () => {
    const desktop = await supervisorDesktop();
    try {
      seedCalls(desktop);
      const progress: number[] = [];
      desktop.core.events.subscribe((name, payload) => {
        if (name === 'bulk.progress') progress.push((payload as { done: number }).done);
      });
      const result = await desktop.invoke<BulkResult>('calls.bulk', {
        selection: { filter: { direction: 'Inbound' }, except: ['own-1'] },
        action: { kind: 'owner', ownerId: company.agent2.id },
      });
      // 10,000 inbound: 2,500 already agent 2's, one unticked.
      expect(result).toMatchObject({
        changed: 7_499,
        skipped: 2_500,
        undoable: true,
        summary: `Gave 7,499 calls to ${company.agent2.displayName}.`,
      });
      expect(progress.length).toBeGreaterThan(3);
      expect(progress.at(-1)).toBe(7_499);
      const queued = queuedOwners(desktop);
      expect(queued).toHaveLength(7_499);
      expect(new Set(queued.map((q) => q.id)).size).toBe(7_499);
      expect(await owned(desktop, company.agent2.id, 'Inbound')).toBe(9_999);
      expect(await owned(desktop, company.agent.id)).toBe(1 + 10);
      expect((await desktop.invoke<CallRecord>('calls.get', { id: 'own-1' })).ownerId).toBe(company.agent.id);
      const undone = await desktop.invoke<BulkResult>('calls.bulkUndo', {});
      expect(undone).toMatchObject({ changed: 7_499, undoable: false });
      // Back to how it was: each call to its own previous owner, not one owner for all.
      expect(await owned(desktop, company.agent2.id)).toBe(2_500);
      expect(await owned(desktop, company.agent.id)).toBe(7_510);
      expect((await desktop.invoke<CallRecord>('calls.get', { id: 'own-4' })).ownerId).toBe(company.agent2.id);
      expect((await desktop.invoke<CallRecord>('calls.get', { id: 'own-5' })).ownerId).toBe(company.agent.id);
      expect(queuedOwners(desktop)).toHaveLength(2 * 7_499);
    } finally {
      desktop.close();
    }
  });

  it('refuses an agent and a colleague not in the company’s list, in words, changing nothing', async () => {
    const agent = openDesktop(injectTransport(server));
    const supervisor = await supervisorDesktop();
    try {
      await signIn(agent, 'bulkowner', company.agent.email);
      const mine = await agent.invoke<CallRecord>('calls.create', { direction: 'Outbound', subject: 'Mine' });
      const refused = await agent.core.dispatch('calls.bulk', {
        selection: { ids: [mine.id] },
        action: { kind: 'owner', ownerId: company.agent2.id },
      });
      expect(refused).toMatchObject({
        ok: false,
        error: {
          code: 'forbidden',
          message: 'Only a supervisor or an admin, signed in to the CRM server, can change who owns calls.',
        },
      });
      expect((await agent.invoke<CallRecord>('calls.get', { id: mine.id })).ownerId).toBe(company.agent.id);

      const theirs = await supervisor.invoke<CallRecord>('calls.create', { direction: 'Outbound', subject: 'Theirs' });
      const stranger = await supervisor.core.dispatch('calls.bulk', {
        selection: { ids: [theirs.id] },
        action: { kind: 'owner', ownerId: 'not-a-colleague' },
      });
      expect(stranger).toMatchObject({
        ok: false,
        error: { code: 'unknown_user', message: 'Choose a colleague from the company’s list.' },
      });
      const empty = await supervisor.core.dispatch('calls.bulk', {
        selection: { ids: [theirs.id] },
        action: { kind: 'owner', ownerId: '' },
      });
      expect(JSON.stringify(empty)).toContain('Choose who gets the calls.');
    } finally {
      agent.close();
      supervisor.close();
    }
  });

  it('syncs: the old owner’s desktop drops the call, the new owner pulls it', async () => {
    const agent = openDesktop(injectTransport(server));
    const supervisor = await supervisorDesktop();
    try {
      await signIn(agent, 'bulkowner', company.agent.email);
      const call = await agent.invoke<CallRecord>('calls.create', {
        direction: 'Inbound',
        subject: 'Boiler noise',
        status: 'Held',
        actualStart: '2026-11-20T10:00:00.000Z',
        actualEnd: '2026-11-20T10:04:00.000Z',
      });
      await agent.sync();
      await supervisor.sync();
      await supervisor.invoke('calls.bulk', {
        selection: { ids: [call.id] },
        action: { kind: 'owner', ownerId: company.agent2.id },
      });
      expect((await supervisor.sync()).pending).toBe(0);
      expect((await supervisor.invoke<{ items: unknown[] }>('sync.rejections', {})).items).toEqual([]);

      await agent.sync();
      expect(await agent.core.dispatch('calls.get', { id: call.id })).toMatchObject({ ok: false });
      const pulled = await as(server, company.agent2).pull(`agent2-${Date.now()}`, null);
      expect(pulled.changes.calls.find((c) => c.id === call.id)?.ownerId).toBe(company.agent2.id);
    } finally {
      agent.close();
      supervisor.close();
    }
  });
});

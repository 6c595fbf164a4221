import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, tombstones } from '../../src/server/db/schema';
import {
  as,
  AT,
  clientIds,
  envelopes,
  newCallArgs,
  seedCompany,
  startTestServer,
  type TestCompany,
  type TestServer,
} from './helpers/server';

/**
 * The write path without the per-company lock (sync/versions.ts, sync/pull.ts): versions
 * are transaction ids, a pull stops below the oldest transaction still running, a batch
 * that throws is retried with a savepoint per mutation, and a call that leaves an agent's
 * view sends that agent a tombstone.
 */

let server: TestServer;
let company: TestCompany;

beforeAll(async () => {
  server = await startTestServer();
  company = await seedCompany(server, 'scaleco');
});
afterAll(() => server.close());

const newClient = clientIds('scale');
const m = envelopes(7000, 'n1');

async function versionsOf(ids: string[]): Promise<Map<string, number>> {
  const rows = await server.database.db
    .select({ id: calls.id, version: calls.version })
    .from(calls)
    .where(and(eq(calls.companyId, company.id), inArray(calls.id, ids)));
  return new Map(rows.map((row) => [row.id, row.version]));
}

describe('a batch with one mutation that fails in the database', () => {
  it('rejects that one alone and applies the rest in one transaction (one version)', async () => {
    const client = newClient();
    const ids = [1, 2, 3, 4].map((n) => `${client}-${n}`);
    server.faults.afterMutationWrites = async (tx, mutation) => {
      // A permanent database error (division by zero, SQLSTATE 22012) after mutation 2's writes.
      if (mutation.clientId === client && mutation.id === 2) await tx.execute('select 1/0');
    };
    try {
      const { statusCode, body } = await as(server, company.agent).push(
        client,
        ids.map((id, index) => m(index + 1, 'call.create', newCallArgs(id))),
      );
      expect(statusCode).toBe(200);
      expect(body.lastMutationId).toBe(4);
      expect(body.outcomes.map((o) => [o.status, 'error' in o ? o.error?.code : undefined])).toEqual([
        ['applied', undefined],
        ['rejected', 'invalid_data'],
        ['applied', undefined],
        ['applied', undefined],
      ]);
    } finally {
      server.faults.afterMutationWrites = undefined;
    }
    const versions = await versionsOf(ids);
    expect([...versions.keys()].sort()).toEqual([ids[0], ids[2], ids[3]].sort());
    // Rows written by one transaction carry its one id: the three did not each get their own.
    expect(new Set(versions.values()).size).toBe(1);
    // The rejection is kept, so a retry of the lost response still learns why.
    const retry = await as(server, company.agent).push(client, [m(2, 'call.create', newCallArgs(ids[1]!))]);
    expect(retry.body.outcomes).toEqual([
      { id: 2, status: 'duplicate', error: expect.objectContaining({ code: 'invalid_data' }) },
    ]);
  });
});

describe('a call that leaves an agent’s view', () => {
  it('sends that agent a tombstone; the agent still on the call keeps it; getting it back undoes the tombstone', async () => {
    const owner = as(server, company.agent);
    const other = as(server, company.agent2);
    const ownerClient = newClient();
    const otherClient = newClient();
    const callId = `${ownerClient}-shared`;
    const withOther = [{ kind: 'user', id: company.agent2.id, role: 'attendee', name: 'Two' }];
    await owner.push(ownerClient, [m(1, 'call.create', newCallArgs(callId, { participants: withOther }))]);
    const first = await other.pull(otherClient, null);
    expect(first.changes.calls.map((c) => c.id)).toContain(callId);

    // The owner takes agent 2 off the call.
    const removed = await owner.push(ownerClient, [
      m(2, 'call.update', { id: callId, set: { participants: [] }, at: AT }),
    ]);
    expect(removed.body.outcomes).toEqual([{ id: 2, status: 'applied' }]);
    const afterLoss = await other.pull(otherClient, first.cursor);
    expect(afterLoss.deletes).toEqual([{ entity: 'calls', id: callId }]);
    expect(afterLoss.changes.calls).toEqual([]);
    // The tombstone is agent 2's alone: the owner and the supervisor still see the call.
    const ownerPull = await owner.pull(ownerClient, null);
    expect(ownerPull.deletes).not.toContainEqual({ entity: 'calls', id: callId });
    expect(ownerPull.changes.calls.map((c) => c.id)).toContain(callId);
    const supervisorPull = await as(server, company.supervisor).pull(newClient(), null);
    expect(supervisorPull.deletes).not.toContainEqual({ entity: 'calls', id: callId });

    // Back on the call: the tombstone goes, so a pull from the start is not told to drop it.
    await owner.push(ownerClient, [m(3, 'call.update', { id: callId, set: { participants: withOther }, at: AT })]);
    const fresh = await other.pull(newClient(), null);
    expect(fresh.changes.calls.map((c) => c.id)).toContain(callId);
    expect(fresh.deletes).not.toContainEqual({ entity: 'calls', id: callId });
    const left = await server.database.db
      .select()
      .from(tombstones)
      .where(and(eq(tombstones.companyId, company.id), eq(tombstones.id, callId)));
    expect(left).toEqual([]);
  });
});

describe('versions and cursors', () => {
  it('stamps rows with the writing transaction’s id and hands out a cursor no higher than the oldest one running', async () => {
    const client = newClient();
    const id = `${client}-v`;
    await as(server, company.agent).push(client, [m(1, 'call.create', newCallArgs(id))]);
    const version = (await versionsOf([id])).get(id)!;
    const pulled = await as(server, company.agent).pull(client, null);
    const cursorVersion = Number(/^c1:(\d+)/.exec(pulled.cursor)![1]);
    expect(pulled.changes.calls.map((c) => c.id)).toContain(id);
    expect(cursorVersion).toBeGreaterThanOrEqual(version);
    // The next write gets a higher id than the cursor, so the next pull delivers it.
    await as(server, company.agent).push(client, [m(2, 'call.create', newCallArgs(`${id}2`))]);
    expect((await versionsOf([`${id}2`])).get(`${id}2`)!).toBeGreaterThan(cursorVersion);
    const next = await as(server, company.agent).pull(client, pulled.cursor);
    expect(next.changes.calls.map((c) => c.id)).toEqual([`${id}2`]);
  });
});

import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, notes, syncClients } from '../../src/server/db/schema';
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

let server: TestServer;
let acme: TestCompany;

beforeAll(async () => {
  server = await startTestServer();
  acme = await seedCompany(server, 'acme');
});
afterAll(() => server.close());

const newClient = clientIds('client');
const m = envelopes(1000, 'n1');

async function lastMutationId(clientId: string): Promise<number> {
  const [row] = await server.database.db.select().from(syncClients).where(eq(syncClients.id, clientId));
  return row?.lastMutationId ?? 0;
}
async function callExists(id: string): Promise<boolean> {
  const rows = await server.database.db
    .select({ id: calls.id })
    .from(calls)
    .where(and(eq(calls.companyId, acme.id), eq(calls.id, id)));
  return rows.length === 1;
}

describe('push: exactly once', () => {
  it('applies mutations in order and advances lastMutationId', async () => {
    const client = newClient();
    const { statusCode, body } = await as(server, acme.agent).push(client, [
      m(1, 'call.create', newCallArgs(`${client}-a`)),
      m(2, 'note.add', { id: `${client}-n`, body: 'hello', callId: `${client}-a`, at: AT }),
    ]);
    expect(statusCode).toBe(200);
    expect(body).toEqual({
      lastMutationId: 2,
      outcomes: [
        { id: 1, status: 'applied' },
        { id: 2, status: 'applied' },
      ],
    });
    expect(await callExists(`${client}-a`)).toBe(true);
  });

  it('skips a duplicate delivery (the response was lost and the client resent the batch)', async () => {
    const client = newClient();
    const batch = [
      m(1, 'call.create', newCallArgs(`${client}-a`)),
      m(2, 'note.add', { id: `${client}-n`, body: 'once', callId: `${client}-a`, at: AT }),
    ];
    await as(server, acme.agent).push(client, batch);
    const again = await as(server, acme.agent).push(client, [
      ...batch,
      m(3, 'call.update', { id: `${client}-a`, set: { subject: 'x' }, at: AT }),
    ]);
    expect(again.body.outcomes).toEqual([
      { id: 1, status: 'duplicate' },
      { id: 2, status: 'duplicate' },
      { id: 3, status: 'applied' },
    ]);
    const noteRows = await server.database.db
      .select()
      .from(notes)
      .where(eq(notes.id, `${client}-n`));
    expect(noteRows).toHaveLength(1);
    expect(again.body.lastMutationId).toBe(3);
  });

  it('refuses a gap and stops the batch there, applying nothing after it', async () => {
    const client = newClient();
    await as(server, acme.agent).push(client, [m(1, 'call.create', newCallArgs(`${client}-a`))]);
    const { statusCode, body } = await as(server, acme.agent).push(client, [
      m(3, 'call.create', newCallArgs(`${client}-c`)),
      m(4, 'call.create', newCallArgs(`${client}-d`)),
    ]);
    expect(statusCode).toBe(200);
    expect(body.outcomes).toEqual([]);
    expect(body.stopped).toMatchObject({ code: 'mutation_gap', mutationId: 3, retryable: false });
    expect(body.lastMutationId).toBe(1);
    expect(await callExists(`${client}-c`)).toBe(false);
    expect(await lastMutationId(client)).toBe(1);
  });

  it('records a mutation that can never apply as rejected, reports it, and still advances', async () => {
    const client = newClient();
    const { body } = await as(server, acme.agent).push(client, [
      m(1, 'call.create', newCallArgs(`${client}-a`)),
      m(2, 'call.create', { id: 'missing-fields' }),
      m(3, 'call.setStatus', { id: `${client}-a`, to: 'NotHeld', at: AT }),
      m(4, 'no.such.mutation', {}),
      m(5, 'call.update', { id: 'not-there', set: { subject: 'x' }, at: AT }),
      m(6, 'call.setStatus', { id: `${client}-a`, to: 'Cancelled', reason: 'withdrawn', at: AT }),
    ]);
    expect(body.lastMutationId).toBe(6);
    expect(body.outcomes.map((o) => [o.id, o.status, o.status === 'rejected' ? o.error.code : null])).toEqual([
      [1, 'applied', null],
      [2, 'rejected', 'invalid_args'],
      [3, 'rejected', 'reason_required'],
      [4, 'rejected', 'unknown_mutation'],
      [5, 'rejected', 'not_found'],
      [6, 'applied', null],
    ]);
    // The lifecycle's own sentence reaches the agent.
    const third = body.outcomes[2]!;
    expect(third.status === 'rejected' && third.error.message).toMatch(/reason is required/);

    // Retrievable later, and repeated on a duplicate delivery.
    const listed = await as(server, acme.agent).get(`/sync/rejections?clientId=${client}`);
    expect(listed.json().items.map((r: { mutationId: number }) => r.mutationId)).toEqual([2, 3, 4, 5]);
    const again = await as(server, acme.agent).push(client, [
      m(3, 'call.setStatus', { id: `${client}-a`, to: 'NotHeld', at: AT }),
    ]);
    expect(again.body.outcomes).toEqual([
      { id: 3, status: 'duplicate', error: expect.objectContaining({ code: 'reason_required' }) },
    ]);
  });

  it('rejects a status change the lifecycle forbids given the server state', async () => {
    const client = newClient();
    const { body } = await as(server, acme.agent).push(client, [
      m(
        1,
        'call.create',
        newCallArgs(`${client}-a`, { status: 'Held', actualStart: AT, actualEnd: '2026-03-10T12:05:00.000Z' }),
      ),
      m(2, 'call.setStatus', { id: `${client}-a`, to: 'Planned', at: AT }),
    ]);
    const second = body.outcomes[1]!;
    expect(second.status).toBe('rejected');
    expect(second.status === 'rejected' && second.error).toEqual({
      code: 'illegal_transition',
      message: 'A call that is Held cannot become Planned. A Held call cannot change status.',
    });
  });

  it('a transient failure mid-batch keeps what committed, applies nothing of the failed mutation, and answers 503', async () => {
    const client = newClient();
    server.faults.afterMutationWrites = async (_tx, mutation) => {
      if (mutation.clientId === client && mutation.id === 3) throw new Error('connection reset by peer');
    };
    try {
      const { statusCode, body } = await as(server, acme.agent).push(client, [
        m(1, 'call.create', newCallArgs(`${client}-1`)),
        m(2, 'call.create', newCallArgs(`${client}-2`)),
        m(3, 'call.create', newCallArgs(`${client}-3`)),
        m(4, 'call.create', newCallArgs(`${client}-4`)),
      ]);
      expect(statusCode).toBe(503);
      expect(body.lastMutationId).toBe(2);
      expect(body.outcomes.map((o) => o.status)).toEqual(['applied', 'applied']);
      expect(body.stopped).toMatchObject({ code: 'transient', mutationId: 3, retryable: true });
      expect(await lastMutationId(client)).toBe(2);
      expect(await callExists(`${client}-2`)).toBe(true);
      expect(await callExists(`${client}-3`)).toBe(false);
      expect(await callExists(`${client}-4`)).toBe(false);
    } finally {
      server.faults.afterMutationWrites = undefined;
    }
    // The retry applies the rest exactly once.
    const retry = await as(server, acme.agent).push(client, [
      m(3, 'call.create', newCallArgs(`${client}-3`)),
      m(4, 'call.create', newCallArgs(`${client}-4`)),
    ]);
    expect(retry.body).toEqual({
      lastMutationId: 4,
      outcomes: [
        { id: 3, status: 'applied' },
        { id: 4, status: 'applied' },
      ],
    });
  });

  it('a permanent database error is rejected rather than retried forever', async () => {
    const client = newClient();
    server.faults.afterMutationWrites = async (tx, mutation) => {
      if (mutation.clientId === client && mutation.id === 1) await tx.execute(sql`select 1/0`);
    };
    try {
      const { statusCode, body } = await as(server, acme.agent).push(client, [
        m(1, 'call.create', newCallArgs(`${client}-1`)),
        m(2, 'call.create', newCallArgs(`${client}-2`)),
      ]);
      expect(statusCode).toBe(200);
      expect(body.outcomes.map((o) => o.status)).toEqual(['rejected', 'applied']);
      expect(await callExists(`${client}-1`)).toBe(false);
      expect(body.lastMutationId).toBe(2);
    } finally {
      server.faults.afterMutationWrites = undefined;
    }
  });

  it('concurrent deliveries of the same batch apply each mutation once', async () => {
    const client = newClient();
    const batch = Array.from({ length: 10 }, (_, i) =>
      m(i + 1, 'note.add', { id: `${client}-n${i}`, body: `n${i}`, at: AT }),
    );
    const results = await Promise.all([0, 1, 2].map(() => as(server, acme.agent).push(client, batch)));
    const applied = results.flatMap((r) => r.body.outcomes.filter((o) => o.status === 'applied').map((o) => o.id));
    expect(applied.sort((a, b) => a - b)).toEqual(batch.map((x) => x.id));
    const [count] = await server.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(notes)
      .where(sql`${notes.id} like ${`${client}-n%`}`);
    expect(Number(count!.n)).toBe(10);
  });

  it('refuses a client id that belongs to another user', async () => {
    const client = newClient();
    await as(server, acme.agent).push(client, [m(1, 'call.create', newCallArgs(`${client}-a`))]);
    const response = await as(server, acme.agent2).post('/sync/push', { clientId: client, mutations: [] });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('client_not_yours');
    const pull = await as(server, acme.agent2).post('/sync/pull', { clientId: client, cursor: null });
    expect(pull.statusCode).toBe(403);
  });

  it('refuses a malformed envelope with 400', async () => {
    const response = await as(server, acme.agent).post('/sync/push', { clientId: 'short', mutations: [{ id: 0 }] });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('invalid_request');
  });

  it('agents may not log calls for someone else; supervisors may', async () => {
    const client = newClient();
    const { body } = await as(server, acme.agent).push(client, [
      m(1, 'call.create', newCallArgs(`${client}-a`, { ownerId: acme.agent2.id })),
    ]);
    expect(body.outcomes[0]).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    const sup = await as(server, acme.supervisor).push(newClient(), [
      m(1, 'call.create', newCallArgs(`${client}-b`, { ownerId: acme.agent2.id })),
    ]);
    expect(sup.body.outcomes[0]).toMatchObject({ status: 'applied' });
  });
});

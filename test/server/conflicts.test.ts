import { and, eq, inArray } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, notes, syncClients, syncRejections } from '../../src/server/db/schema';
import { pack, tick, zeroHlc, type Hlc } from '../../src/shared/sync/hlc';
import type { MutationOutcome } from '../../src/shared/sync/protocol';
import {
  as,
  AT,
  hlc,
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

async function callRow(id: string) {
  const [row] = await server.database.db
    .select()
    .from(calls)
    .where(and(eq(calls.companyId, acme.id), eq(calls.id, id)));
  return row!;
}

describe('field conflicts resolve by HLC, not arrival order', () => {
  it('the later edit wins even when it arrives first', async () => {
    await as(server, acme.agent).push('conflict-setup-1', [
      { id: 1, name: 'call.create', args: newCallArgs('cf-1'), hlc: hlc(1000, 'agent') },
    ]);
    // The supervisor edited at t=3000 and synced first; the agent edited at t=2000 offline and syncs later.
    await as(server, acme.supervisor).push('conflict-sup-1', [
      {
        id: 1,
        name: 'call.update',
        args: { id: 'cf-1', set: { subject: 'supervisor' }, at: AT },
        hlc: hlc(3000, 'sup'),
      },
    ]);
    const late = await as(server, acme.agent).push('conflict-setup-1', [
      {
        id: 2,
        name: 'call.update',
        args: { id: 'cf-1', set: { subject: 'agent', outcomeText: 'agent notes' }, at: AT },
        hlc: hlc(2000, 'agent'),
      },
    ]);
    // Processed (counted as applied), but only the field nobody changed later takes its value.
    expect(late.body.outcomes).toEqual([{ id: 2, status: 'applied' }]);
    const row = await callRow('cf-1');
    expect(row.subject).toBe('supervisor');
    expect(row.outcomeText).toBe('agent notes');
  });

  it('notes from both sides are all kept (append-only)', async () => {
    await as(server, acme.agent).push('conflict-setup-1', [
      {
        id: 3,
        name: 'note.add',
        args: { id: 'cf-n1', body: 'agent', callId: 'cf-1', at: AT },
        hlc: hlc(4000, 'agent'),
      },
    ]);
    await as(server, acme.supervisor).push('conflict-sup-1', [
      { id: 2, name: 'note.add', args: { id: 'cf-n2', body: 'sup', callId: 'cf-1', at: AT }, hlc: hlc(3500, 'sup') },
    ]);
    const listed = await as(server, acme.agent).get('/calls/cf-1/notes');
    expect(
      listed
        .json()
        .items.map((n: { id: string }) => n.id)
        .sort(),
    ).toEqual(['cf-n1', 'cf-n2']);
  });
});

/**
 * Property: random offline edits from several clients, delivered as random interleaved
 * batches with duplicate re-sends and occasional gaps. Every mutation is applied or
 * rejected exactly once, and each call field ends with the value of its highest-HLC edit.
 */
type Op =
  | { kind: 'update'; call: number; field: 'subject' | 'outcomeText' | 'dispositionCode'; value: string }
  | { kind: 'note' }
  | { kind: 'bad' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('update' as const),
      call: fc.integer({ min: 0, max: 2 }),
      field: fc.constantFrom('subject' as const, 'outcomeText' as const, 'dispositionCode' as const),
      value: fc.stringMatching(/^[a-z]{1,8}$/),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'note' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'bad' as const }) },
);
const clientArb = fc.record({
  ops: fc.array(opArb, { minLength: 1, maxLength: 12 }),
  walls: fc.array(fc.integer({ min: 10_000, max: 10_050 }), { minLength: 12, maxLength: 12 }),
});
const deliveryArb = fc.array(
  fc.record({
    client: fc.nat(),
    back: fc.integer({ min: 0, max: 3 }),
    size: fc.integer({ min: 1, max: 5 }),
    gap: fc.boolean(),
  }),
  { maxLength: 25 },
);

let run = 0;

describe('property: exactly once and HLC order under duplicates and reordering', () => {
  it('holds for random offline edits from three clients', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(clientArb, { minLength: 3, maxLength: 3 }),
        deliveryArb,
        async (clientPlans, deliveries) => {
          const prefix = `p${++run}`;
          const callIds = [0, 1, 2].map((i) => `${prefix}-call-${i}`);
          await as(server, acme.supervisor).push(
            `${prefix}-setup`,
            callIds.map((id, i) => ({ id: i + 1, name: 'call.create', args: newCallArgs(id), hlc: hlc(1, 'setup') })),
          );

          // Build each client's outbox, stamped with its own HLC.
          const users = [acme.supervisor, acme.admin, acme.supervisor];
          const clients = clientPlans.map((plan, c) => {
            let clock: Hlc = zeroHlc(`c${c}`);
            const mutations = plan.ops.map((op, i) => {
              const next = tick(clock, plan.walls[i % plan.walls.length]!);
              if (!next.ok) throw new Error('tick');
              clock = next.value;
              const id = i + 1;
              const args =
                op.kind === 'update'
                  ? { id: callIds[op.call], set: { [op.field]: op.value }, at: AT }
                  : op.kind === 'note'
                    ? { id: `${prefix}-note-${c}-${id}`, body: 'n', callId: callIds[0], at: AT }
                    : { id: 'x', set: {}, at: AT };
              return { id, name: op.kind === 'note' ? 'note.add' : 'call.update', args, hlc: pack(clock), op };
            });
            return { clientId: `${prefix}-client-${c}`, user: users[c]!, mutations, acked: 0 };
          });

          const firstOutcomes = new Map<string, MutationOutcome['status']>();
          const record = (clientId: string, outcomes: MutationOutcome[]) => {
            for (const outcome of outcomes) {
              if (outcome.status === 'duplicate') continue;
              const key = `${clientId}#${outcome.id}`;
              expect(firstOutcomes.has(key), `mutation ${key} processed twice`).toBe(false);
              firstOutcomes.set(key, outcome.status);
            }
          };

          // Random deliveries: resend some already-acknowledged mutations, sometimes skip ahead.
          for (const delivery of deliveries) {
            const client = clients[delivery.client % clients.length]!;
            const from = Math.max(1, client.acked + 1 - delivery.back + (delivery.gap ? 2 : 0));
            const batch = client.mutations.slice(from - 1, from - 1 + delivery.size);
            if (batch.length === 0) continue;
            const { body } = await as(server, client.user).push(client.clientId, batch);
            record(client.clientId, body.outcomes);
            client.acked = body.lastMutationId;
          }
          // Eventually every outbox drains.
          for (const client of clients) {
            const { body } = await as(server, client.user).push(client.clientId, client.mutations.slice(client.acked));
            record(client.clientId, body.outcomes);
            client.acked = body.lastMutationId;
            expect(client.acked).toBe(client.mutations.length);
          }

          // Exactly once: each mutation has one first outcome, matching its validity.
          for (const client of clients) {
            for (const mutation of client.mutations) {
              expect(firstOutcomes.get(`${client.clientId}#${mutation.id}`)).toBe(
                mutation.op.kind === 'bad' ? 'rejected' : 'applied',
              );
            }
            const [stored] = await server.database.db
              .select()
              .from(syncClients)
              .where(eq(syncClients.id, client.clientId));
            expect(stored!.lastMutationId).toBe(client.mutations.length);
            const rejected = await server.database.db
              .select()
              .from(syncRejections)
              .where(eq(syncRejections.clientId, client.clientId));
            expect(rejected.map((r) => r.mutationId).sort((a, b) => a - b)).toEqual(
              client.mutations.filter((m) => m.op.kind === 'bad').map((m) => m.id),
            );
          }
          const noteIds = clients.flatMap((c) =>
            c.mutations.filter((m) => m.op.kind === 'note').map((m) => (m.args as { id: string }).id),
          );
          if (noteIds.length > 0) {
            const stored = await server.database.db
              .select({ id: notes.id })
              .from(notes)
              .where(inArray(notes.id, noteIds));
            expect(stored.map((n) => n.id).sort()).toEqual([...noteIds].sort());
          }

          // Final state equals applying the updates in HLC order.
          const updates = clients.flatMap((c) => c.mutations).filter((m) => m.op.kind === 'update');
          updates.sort((a, b) => (a.hlc < b.hlc ? -1 : 1));
          const expected = callIds.map((id) => ({
            subject: `Call ${id}`,
            outcomeText: '',
            dispositionCode: null as string | null,
          }));
          for (const update of updates) {
            const op = update.op as Extract<Op, { kind: 'update' }>;
            expected[op.call]![op.field] = op.value;
          }
          for (const [i, id] of callIds.entries()) {
            const row = await callRow(id);
            expect({
              subject: row.subject,
              outcomeText: row.outcomeText,
              dispositionCode: row.dispositionCode,
            }).toEqual(expected[i]);
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});

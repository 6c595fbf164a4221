import Database from 'better-sqlite3';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { TransportError, type SyncTransport } from '../../../../src/main/core/sync/transport';
import type { CallRecord } from '../../../../src/shared/domain/call';
import type { Note } from '../../../../src/shared/domain/work';
import {
  as,
  seedCompany,
  startTestServerForDesktops,
  type TestCompany,
  type TestServer,
} from '../../../server/helpers/server';
import { injectTransport, openDesktop, signIn, type Desktop } from './harness';

/**
 * Several desktops edit offline at random while the network misbehaves: requests fail,
 * responses are lost after the server committed, deliveries are repeated, old responses
 * arrive instead of new ones, the server dies part way through a batch, and a desktop is
 * killed between the server's commit and its own acknowledgement (then re-opened from the
 * same SQLite file). Once the network heals and everyone syncs, these must hold:
 *   - every mutation was processed exactly once (applied or rejected), none twice, none lost;
 *   - every outbox drained;
 *   - every desktop shows exactly what the server has for its user.
 */

type Fault = 'ok' | 'offline' | 'lost-reply' | 'twice' | 'stale-reply';

let server: TestServer;
let company: TestCompany;
beforeAll(async () => {
  server = await startTestServerForDesktops();
  company = await seedCompany(server, 'chaos');
});
afterAll(async () => server.close());

function chaosTransport(inner: SyncTransport) {
  const faults: Fault[] = [];
  const previous = new Map<string, { status: number; body: unknown }>();
  const transport: SyncTransport = {
    async request(request) {
      if (!request.path.startsWith('/sync/')) return inner.request(request);
      const fault = faults.shift() ?? 'ok';
      if (fault === 'offline') throw new TransportError('unplugged');
      let reply = await inner.request(request);
      if (fault === 'twice') reply = await inner.request(request);
      if (fault === 'lost-reply') throw new TransportError('reply lost after the server committed');
      const stale = previous.get(request.path);
      previous.set(request.path, reply);
      return fault === 'stale-reply' && stale ? stale : reply;
    },
  };
  return { transport, faults };
}

type Op =
  | { kind: 'create'; who: number }
  | { kind: 'update'; who: number; pick: number; text: string }
  | { kind: 'status'; who: number; pick: number; to: 'Held' | 'NotHeld' | 'Cancelled' | 'Planned' }
  | { kind: 'note'; who: number; pick: number }
  | { kind: 'sync'; who: number; faults: Fault[] }
  | { kind: 'crash'; who: number }
  | { kind: 'kill'; after: number };

const who = fc.integer({ min: 0, max: 2 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('create' as const), who }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('update' as const),
      who,
      pick: fc.nat(),
      text: fc.constantFrom('a', 'b', 'c', 'd'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('status' as const),
      who,
      pick: fc.nat(),
      to: fc.constantFrom('Held' as const, 'NotHeld' as const, 'Cancelled' as const, 'Planned' as const),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('note' as const), who, pick: fc.nat() }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('sync' as const),
      who,
      faults: fc.array(fc.constantFrom<Fault>('ok', 'offline', 'lost-reply', 'twice', 'stale-reply'), {
        maxLength: 3,
      }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('crash' as const), who }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('kill' as const), after: fc.integer({ min: 0, max: 3 }) }) },
);

interface Seat {
  desktop: Desktop;
  chaos: ReturnType<typeof chaosTransport>;
  user: { id: string; email: string; token: string };
  notes: string[];
  calls: string[];
}

async function visibleCalls(seat: Seat): Promise<CallRecord[]> {
  const list = await seat.desktop.invoke<{ items: CallRecord[] }>('calls.list', { limit: 500 });
  return list.items;
}

/** Rows of a server query (drizzle's execute result differs between PGlite and node-postgres). */
async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await server.database.db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

function local(seat: Seat) {
  return new Database(join(seat.desktop.dataDir, 'switchboard.sqlite'), { readonly: true });
}

async function run(ops: Op[]): Promise<void> {
  const users = [company.agent, company.agent, company.supervisor];
  const seats: Seat[] = [];
  for (const user of users) {
    const chaos = chaosTransport(injectTransport(server));
    const desktop = openDesktop(chaos.transport, { pushBatch: 3 });
    await signIn(desktop, 'chaos', user.email);
    seats.push({ desktop, chaos, user, notes: [], calls: [] });
  }
  let killCountdown: number | null = null;
  server.faults.afterMutationWrites = async () => {
    if (killCountdown === null) return;
    if (killCountdown-- === 0) {
      killCountdown = null;
      throw new Error('server killed mid-batch');
    }
  };
  try {
    for (const op of ops) {
      if (op.kind === 'kill') {
        killCountdown = op.after;
        continue;
      }
      const seat = seats[op.who]!;
      const { desktop } = seat;
      const known = await visibleCalls(seat);
      const target = known.length > 0 && 'pick' in op ? known[op.pick % known.length]! : null;
      switch (op.kind) {
        case 'create': {
          const call = await desktop.invoke<CallRecord>('calls.create', { direction: 'Outbound', subject: 'Call' });
          seat.calls.push(call.id);
          break;
        }
        case 'update':
          if (target) await desktop.invoke('calls.update', { id: target.id, subject: `Edit ${op.text}` });
          break;
        case 'status':
          if (target) {
            const input =
              op.to === 'Held'
                ? { actualStart: '2026-03-10T10:00:00.000Z', actualEnd: '2026-03-10T10:01:00.000Z' }
                : op.to === 'Planned'
                  ? {}
                  : { reason: 'No answer' };
            // The local lifecycle may refuse; that is the agent's own error, not sync's.
            await desktop.core.dispatch('calls.setStatus', { id: target.id, to: op.to, ...input });
          }
          break;
        case 'note':
          if (target) {
            const note = await desktop.invoke<Note>('calls.addNote', { callId: target.id, body: 'A note' });
            seat.notes.push(note.id);
          }
          break;
        case 'sync':
          seat.chaos.faults.push(...op.faults);
          await desktop.sync();
          break;
        case 'crash':
          // The server commits the push; the desktop dies before it saves the confirmation.
          seat.chaos.faults.unshift('lost-reply');
          await desktop.sync();
          seat.desktop = desktop.reopen();
          break;
      }
    }
  } finally {
    killCountdown = null;
    server.faults.afterMutationWrites = undefined;
  }

  // Heal: clean network, everyone syncs until nothing waits, then once more to see the others.
  for (const seat of seats) seat.chaos.faults.length = 0;
  for (let round = 0; round < 4; round++) for (const seat of seats) await seat.desktop.sync();

  for (const seat of seats) {
    const db = local(seat);
    const state = db.prepare('select client_id as clientId, client_base as base from sync_state').get() as {
      clientId: string;
      base: number;
    };
    const issued =
      (db.prepare(`select seq from sqlite_sequence where name = 'outbox'`).get() as { seq: number } | undefined)?.seq ??
      0;
    const [serverClient] = await rows<{ last: number }>(
      sql`select last_mutation_id as last from sync_clients where id = ${state.clientId}`,
    );
    // Exactly once: the server processed precisely the mutations this desktop issued.
    expect(Number(serverClient?.last ?? 0)).toBe(issued - state.base);
    expect(db.prepare('select count(*) as n from outbox').get()).toEqual({ n: 0 });
    const localRejections = (db.prepare('select mutation_id as id from sync_rejections').all() as { id: number }[]).map(
      (r) => r.id - state.base,
    );
    const serverRejections = await rows<{ id: number }>(
      sql`select mutation_id as id from sync_rejections where client_id = ${state.clientId} order by 1`,
    );
    expect(localRejections.sort((a, b) => a - b)).toEqual(serverRejections.map((r) => Number(r.id)));
    const rejectedTargets = new Set(
      (db.prepare('select args from sync_rejections').all() as { args: string }[]).map(
        (r) => (JSON.parse(r.args) as { id: string }).id,
      ),
    );
    db.close();

    // Nothing lost: every call and note made here is on the server, or was refused (and said so).
    const api = as(server, seat.user);
    for (const id of seat.calls) {
      const response = await api.get(`/calls/${id}`);
      expect(response.statusCode === 200 || rejectedTargets.has(id)).toBe(true);
    }
    // Convergence: the desktop holds exactly the server's view for its user.
    const serverList = (await api.get('/calls?limit=500')).json<{ items: CallRecord[] }>().items;
    const mine = await visibleCalls(seat);
    expect(mine.map((c) => c.id).sort()).toEqual(serverList.map((c) => c.id).sort());
    for (const call of serverList) {
      expect(await seat.desktop.invoke<CallRecord>('calls.get', { id: call.id })).toEqual(
        (await api.get(`/calls/${call.id}`)).json<CallRecord>(),
      );
      const serverNotes = (await api.get(`/calls/${call.id}/notes`)).json<{ items: Note[] }>().items;
      const localNotes = (await seat.desktop.invoke<{ items: Note[] }>('calls.notes', { callId: call.id })).items;
      expect(localNotes.map((n) => n.id).sort()).toEqual(serverNotes.map((n) => n.id).sort());
    }
    for (const id of seat.notes) {
      const [row] = await rows<{ n: number }>(sql`select count(*)::int as n from notes where id = ${id}`);
      expect(Number(row!.n) === 1 || rejectedTargets.has(id)).toBe(true);
    }
  }
  for (const seat of seats) seat.desktop.close();
}

describe('adversarial sync (property): chaos on the wire, then everyone converges', () => {
  it('exactly once, nothing lost, outboxes drain, all sides agree', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 8, maxLength: 28 }), (ops) => run(ops)),
      { numRuns: 8, seed: 20260310, endOnFailure: true },
    );
  }, 120_000);
});

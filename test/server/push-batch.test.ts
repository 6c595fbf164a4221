import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, notes } from '../../src/server/db/schema';
import { companyClock } from '../../src/server/sync/company-clock';
import {
  as,
  AT,
  clientIds,
  envelopes,
  hlc,
  newCallArgs,
  seedCompany,
  startTestServer,
  type TestCompany,
  type TestServer,
} from './helpers/server';

/**
 * The push fast path shares reads and queued note inserts across a batch (mutators/scope.ts).
 * These prove the shortcuts change no outcome: each mutation is still applied or rejected
 * exactly as if it had run alone, in order.
 */

let server: TestServer;
let company: TestCompany;

beforeAll(async () => {
  server = await startTestServer();
  company = await seedCompany(server, 'batchco');
});
afterAll(() => server.close());

const newClient = clientIds('batch');
const m = envelopes(5000, 'n1');
const note = (id: string, callId: string) => ({ id, body: `Note ${id}`, callId, at: AT });

async function noteRows(ids: string[]) {
  return server.database.db
    .select({ id: notes.id, version: notes.version })
    .from(notes)
    .where(and(eq(notes.companyId, company.id), inArray(notes.id, ids)));
}

/** The clock pulls hand out: the greatest stamp of the company's clients and the server's writes. */
const companyMaxHlc = () => companyClock(server.database.db, company.id);

async function callRow(id: string) {
  const [row] = await server.database.db
    .select()
    .from(calls)
    .where(and(eq(calls.companyId, company.id), eq(calls.id, id)));
  return row!;
}

describe('push batch: shared reads and multi-row note inserts keep each outcome exact', () => {
  it('writes the notes of a batch once, with one version, and rejects repeated, taken and orphan ids one by one', async () => {
    const client = newClient();
    const callId = `${client}-c`;
    await as(server, company.agent).push(client, [
      m(1, 'call.create', newCallArgs(callId)),
      m(2, 'note.add', note(`${client}-old`, callId)),
    ]);
    const { statusCode, body } = await as(server, company.agent).push(client, [
      m(3, 'note.add', note(`${client}-n1`, callId)),
      m(4, 'note.add', note(`${client}-n2`, callId)),
      m(5, 'note.add', note(`${client}-n1`, callId), 9_000), // the same id again, within the batch
      m(6, 'note.add', note(`${client}-old`, callId), 9_001), // an id taken by an earlier push
      m(7, 'note.add', note(`${client}-n3`, `${client}-nowhere`), 9_002), // no such call
      m(8, 'note.add', note(`${client}-n4`, callId)),
    ]);
    expect(statusCode).toBe(200);
    expect(body.lastMutationId).toBe(8);
    expect(body.outcomes.map((o) => [o.id, o.status, 'error' in o ? o.error?.code : undefined])).toEqual([
      [3, 'applied', undefined],
      [4, 'applied', undefined],
      [5, 'rejected', 'already_exists'],
      [6, 'rejected', 'already_exists'],
      [7, 'rejected', 'not_found'],
      [8, 'applied', undefined],
    ]);
    const written = await noteRows([`${client}-n1`, `${client}-n2`, `${client}-n3`, `${client}-n4`]);
    expect(written.map((row) => row.id).sort()).toEqual([`${client}-n1`, `${client}-n2`, `${client}-n4`]);
    expect(new Set(written.map((row) => row.version)).size).toBe(1);
    // Rejected mutations never raise the company's clock, however new their stamps.
    expect(await companyMaxHlc()).toBe(hlc(5008, 'n1'));
  });

  it('sees a call created earlier in the same batch, after having found it missing', async () => {
    const client = newClient();
    const callId = `${client}-c`;
    const { body } = await as(server, company.agent).push(client, [
      m(1, 'note.add', note(`${client}-early`, callId)),
      m(2, 'call.create', newCallArgs(callId)),
      m(3, 'note.add', note(`${client}-late`, callId)),
    ]);
    expect(body.outcomes.map((o) => o.status)).toEqual(['rejected', 'applied', 'applied']);
    expect((await noteRows([`${client}-early`, `${client}-late`])).map((row) => row.id)).toEqual([`${client}-late`]);
  });

  it('an agent who leaves a call’s participants mid-batch cannot add to it further on', async () => {
    const client = newClient();
    const supervisorClient = newClient();
    const callId = `${client}-c`;
    const agentParticipant = { kind: 'user', id: company.agent.id, role: 'attendee', name: 'Agent' };
    await as(server, company.supervisor).push(supervisorClient, [
      m(1, 'call.create', newCallArgs(callId, { participants: [agentParticipant] })),
    ]);
    const { body } = await as(server, company.agent).push(client, [
      m(1, 'note.add', note(`${client}-in`, callId)),
      m(2, 'call.update', { id: callId, set: { participants: [] }, at: AT }),
      m(3, 'note.add', note(`${client}-out`, callId)),
    ]);
    expect(body.outcomes.map((o) => [o.status, 'error' in o ? o.error?.code : undefined])).toEqual([
      ['applied', undefined],
      ['applied', undefined],
      ['rejected', 'forbidden'],
    ]);
  });

  it('a note id another writer takes mid-batch: replayed one mutation per transaction, only that note is rejected', async () => {
    const client = newClient();
    const callId = `${client}-c`;
    await as(server, company.agent).push(client, [m(1, 'call.create', newCallArgs(callId))]);
    // Inside the push's own transaction, after mutation 2's writes: the id of mutation 3's
    // note is taken behind the batch's back (the batch already read it as free).
    server.faults.afterMutationWrites = async (tx, mutation) => {
      if (mutation.clientId !== client || mutation.id !== 2) return;
      await tx.insert(notes).values({
        companyId: company.id,
        id: `${client}-taken`,
        body: 'Taken first',
        callId,
        authorId: company.supervisor.id,
        createdAt: new Date(AT),
        version: 1,
      });
    };
    try {
      const { statusCode, body } = await as(server, company.agent).push(client, [
        m(2, 'note.add', note(`${client}-first`, callId)),
        m(3, 'note.add', note(`${client}-taken`, callId)),
        m(4, 'note.add', note(`${client}-after`, callId)),
      ]);
      expect(statusCode).toBe(200);
      expect(body.lastMutationId).toBe(4);
      expect(body.outcomes.map((o) => [o.status, 'error' in o ? o.error?.code : undefined])).toEqual([
        ['applied', undefined],
        ['rejected', 'already_exists'],
        ['applied', undefined],
      ]);
    } finally {
      server.faults.afterMutationWrites = undefined;
    }
    const rows = await noteRows([`${client}-first`, `${client}-taken`, `${client}-after`]);
    expect(rows).toHaveLength(3);
  });
});

describe('call.update statusReason: the refined reason of a Not Held or Cancelled call', () => {
  it('refines the reason of a Not Held call; the history keeps the first one', async () => {
    const client = newClient();
    const callId = `${client}-c`;
    const { body } = await as(server, company.agent).push(client, [
      m(1, 'call.create', newCallArgs(callId, { status: 'NotHeld', reason: 'No answer' })),
      m(2, 'call.update', { id: callId, set: { statusReason: 'Left a voicemail', outcomeText: 'VM' }, at: AT }),
    ]);
    expect(body.outcomes.map((o) => o.status)).toEqual(['applied', 'applied']);
    const row = await callRow(callId);
    expect(row).toMatchObject({ statusReason: 'Left a voicemail', outcomeText: 'VM' });
    expect(row.history[0]).toMatchObject({ reason: 'No answer' });
  });

  it('is ignored on a call of another status, while the rest of the change applies', async () => {
    const client = newClient();
    const callId = `${client}-c`;
    const { body } = await as(server, company.agent).push(client, [
      m(1, 'call.create', newCallArgs(callId)),
      m(2, 'call.update', { id: callId, set: { statusReason: 'Left a voicemail', subject: 'Renewal' }, at: AT }),
    ]);
    expect(body.outcomes.map((o) => o.status)).toEqual(['applied', 'applied']);
    const row = await callRow(callId);
    expect(row).toMatchObject({ status: 'Planned', statusReason: null, subject: 'Renewal' });
    expect(row.fieldHlc['statusReason']).toBe(hlc(5001, 'n1'));
  });

  it('a refinement made before a later status change does not overwrite that change’s reason', async () => {
    const client = newClient();
    const callId = `${client}-c`;
    const { body } = await as(server, company.agent).push(client, [
      m(1, 'call.create', newCallArgs(callId, { status: 'NotHeld', reason: 'No answer' })),
      m(2, 'call.setStatus', { id: callId, to: 'Planned', at: AT }, 5010),
      m(3, 'call.setStatus', { id: callId, to: 'NotHeld', reason: 'Busy', at: AT }, 5011),
      // Made offline at 5005, before the status changes, and arriving after them.
      m(4, 'call.update', { id: callId, set: { statusReason: 'Left a voicemail' }, at: AT }, 5005),
      m(5, 'call.update', { id: callId, set: { statusReason: 'Busy, call back at 3' }, at: AT }, 5012),
    ]);
    expect(body.outcomes.map((o) => o.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
    const after = await callRow(callId);
    expect(after.statusReason).toBe('Busy, call back at 3');
  });
});

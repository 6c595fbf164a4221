import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentPresence, calls, tasks } from '../../../src/server/db/schema';
import { importDirectory } from '../../../src/server/directory/store';
import { callRecordOf } from '../../../src/server/sync/records';
import type { CallRecord } from '../../../src/shared/domain/call';
import { seedCompany, startTestServer, type TestCompany, type TestServer } from '../helpers/server';
import { connectInput, connectTwilio } from './fixtures';
import { inboundScenario, outboundScenario, type OutboundEnd, type Step } from './scenarios';
import { PUBLIC_URL, twilioPost } from './webhook-client';

let server: TestServer;
let acme: TestCompany;
let globex: TestCompany;
const A = connectInput('a');
const B = connectInput('b');

beforeAll(async () => {
  server = await startTestServer({ twilio: { publicUrl: PUBLIC_URL } });
  acme = await seedCompany(server, 'acme');
  globex = await seedCompany(server, 'globex');
  await connectTwilio(server, acme.admin, 'a');
  await connectTwilio(server, globex.admin, 'b');
  const at = '2026-03-01T00:00:00.000Z';
  await importDirectory(server.database.db, acme.id, 'accounts', [
    { id: 'acc-1', name: 'Initech', country: 'US', timeZone: null, phones: [], createdAt: at, updatedAt: at },
  ]);
  await importDirectory(server.database.db, acme.id, 'contacts', [
    {
      id: 'ct-1',
      firstName: 'Peter',
      lastName: 'Gibbons',
      accountId: 'acc-1',
      timeZone: null,
      phones: [{ kind: 'work', e164: '+12125550101' }],
      createdAt: at,
      updatedAt: at,
    },
  ]);
  for (const userId of [acme.agent.id, acme.agent2.id]) {
    await server.database.db
      .insert(agentPresence)
      .values({ companyId: acme.id, userId, availability: 'Available', hlc: '0', lastSeenAt: server.clock.now });
  }
});
afterAll(() => server.close());

async function send(steps: Step[], token = A.authToken) {
  const bodies: string[] = [];
  for (const step of steps) {
    const response = await twilioPost(server, step.path, step.params, { authToken: token });
    if (response.statusCode >= 300) throw new Error(`${step.path}: ${response.statusCode} ${response.body}`);
    bodies.push(response.body);
  }
  return bodies;
}

async function record(id: string): Promise<CallRecord> {
  const [row] = await server.database.db.select().from(calls).where(eq(calls.id, id));
  if (!row) throw new Error(`no call ${id}`);
  return callRecordOf(row);
}

/** What must not depend on the order of the callbacks (ids and sids differ per run). */
function essence(call: CallRecord) {
  return {
    status: call.status,
    statusReason: call.statusReason,
    actualStart: call.actualStart,
    actualEnd: call.actualEnd,
    durationSeconds: call.durationSeconds,
    ownerId: call.ownerId,
    participants: call.participants,
    related: call.related,
    hasRecording: call.recordingUrl === `${PUBLIC_URL}/calls/${call.id}/recording`,
    history: call.history.map(({ from, to, reason, at, by }) => ({ from, to, reason, at, by })),
  };
}

/** The callbacks shuffled, some sent twice: what Twilio's at-least-once delivery can do. */
const deliveries = (count: number) =>
  fc
    .tuple(
      fc.shuffledSubarray([...Array(count).keys()], { minLength: count, maxLength: count }),
      fc.array(fc.nat(count - 1), { maxLength: count }),
    )
    .map(([order, repeats]) => [...order, ...repeats]);

let run = 0;
const nextId = (prefix: string) => `${prefix}-${(run += 1)}`;

describe('outbound calls from status callbacks', () => {
  const expectations: Record<OutboundEnd, Partial<ReturnType<typeof essence>>> = {
    answered: {
      status: 'Held',
      statusReason: null,
      actualStart: '2026-03-10T12:00:08.000Z',
      actualEnd: '2026-03-10T12:01:38.000Z',
      durationSeconds: 90,
      hasRecording: true,
    },
    busy: { status: 'NotHeld', statusReason: 'Line busy', durationSeconds: null, hasRecording: false },
    'no-answer': { status: 'NotHeld', statusReason: 'No answer', hasRecording: false },
    failed: { status: 'NotHeld', statusReason: 'Call failed to connect', hasRecording: false },
    canceled: { status: 'NotHeld', statusReason: 'Hung up before the call was answered', hasRecording: false },
  };

  for (const end of Object.keys(expectations) as OutboundEnd[]) {
    it(`${end}: in order, then shuffled and duplicated, gives the same record`, async () => {
      const build = () => outboundScenario(A.accountSid, acme.agent.id, nextId(`out-${end}`), '+12125550101', end);
      const reference = build();
      await send([...reference.ordered, ...reference.callbacks]);
      const expected = essence(await record(reference.crmCallId));
      expect(expected).toMatchObject({ ...expectations[end], ownerId: acme.agent.id });
      expect(expected.history.map((entry) => entry.to)).toEqual(['Planned', end === 'answered' ? 'Held' : 'NotHeld']);
      await fc.assert(
        fc.asyncProperty(deliveries(reference.callbacks.length), async (order) => {
          const scenario = build();
          await send([...scenario.ordered, ...order.map((index) => scenario.callbacks[index]!)]);
          expect(essence(await record(scenario.crmCallId))).toEqual(expected);
        }),
        { seed: 20260310, numRuns: 8 },
      );
    });
  }
});

describe('inbound calls from the voice request and callbacks', () => {
  async function inbound(answered: boolean, order?: number[]) {
    const scenario = inboundScenario(
      A.accountSid,
      '+12125550101',
      '+14155550100',
      [acme.agent.id, acme.agent2.id],
      answered,
    );
    const [twiml] = await send(scenario.ordered);
    const callId = /name="CrmCallId" value="([^"]+)"/.exec(twiml!)![1]!;
    await send([scenario.afterDial(callId)]);
    const callbacks = scenario.withCallId(callId);
    await send(order ? order.map((index) => callbacks[index]!) : callbacks);
    return { callId, count: callbacks.length, customer: scenario.customer };
  }

  it('the seed’s scenario: a known contact calls, is answered, talks 12 minutes, is recorded → one Held inbound call on the contact and its account', async () => {
    const { callId, customer } = await inbound(true);
    const call = await record(callId);
    expect(call).toMatchObject({
      direction: 'Inbound',
      status: 'Held',
      actualStart: '2026-03-10T12:00:05.000Z',
      actualEnd: '2026-03-10T12:12:05.000Z',
      durationSeconds: 720,
      providerCallId: customer,
      recordingUrl: `${PUBLIC_URL}/calls/${callId}/recording`,
      fromNumber: '+12125550101',
      toNumber: '+14155550100',
      ownerId: acme.agent.id,
      related: { type: 'account', id: 'acc-1', name: 'Initech' },
    });
    expect(call.participants).toContainEqual({ kind: 'contact', id: 'ct-1', role: 'attendee', name: 'Peter Gibbons' });
    expect(call.participants[0]).toMatchObject({ kind: 'user', id: acme.agent.id, role: 'organizer' });
    expect(await server.database.db.select().from(calls).where(eq(calls.providerCallId, customer))).toHaveLength(1);
  });

  for (const answered of [true, false]) {
    it(`${answered ? 'answered' : 'missed (voicemail)'}: shuffled and duplicated callbacks give the same record`, async () => {
      const reference = await inbound(answered);
      const expected = essence(await record(reference.callId));
      expect(expected.status).toBe(answered ? 'Held' : 'NotHeld');
      if (!answered) {
        expect(expected).toMatchObject({
          statusReason: 'Missed call: nobody answered',
          ownerId: 'unassigned',
          hasRecording: true,
        });
      }
      await fc.assert(
        fc.asyncProperty(deliveries(reference.count), async (order) => {
          // The earlier run's call-back done, so this miss gets its own (an open one would take it in).
          await server.database.db.update(tasks).set({ status: 'Done' }).where(eq(tasks.companyId, acme.id));
          const { callId } = await inbound(answered, order);
          expect(essence(await record(callId))).toEqual(expected);
          // A missed call leaves exactly one call-back task, however often the callbacks came.
          const created = await server.database.db.select().from(tasks).where(eq(tasks.callId, callId));
          expect(created).toHaveLength(answered ? 0 : 1);
          if (!answered) {
            expect(created[0]).toMatchObject({
              priority: 'High',
              status: 'Open',
              subject: 'Call back Initech (missed call)',
              ownerId: [acme.agent.id, acme.agent2.id].sort()[0],
            });
          }
        }),
        { seed: 20260311, numRuns: 8 },
      );
    });
  }
});

describe('repeated missed calls from one caller', () => {
  it('three misses in a row are one open call-back that counts them; once it is done, the next miss gets its own', async () => {
    const from = '+12125550177';
    const missed = async () => {
      const scenario = inboundScenario(A.accountSid, from, '+14155550100', [acme.agent.id], false);
      const [twiml] = await send(scenario.ordered);
      const callId = /name="CrmCallId" value="([^"]+)"/.exec(twiml!)![1]!;
      await send([scenario.afterDial(callId), ...scenario.withCallId(callId)]);
      return callId;
    };
    const openCallBacks = async () =>
      (await server.database.db.select().from(tasks).where(eq(tasks.companyId, acme.id))).filter(
        (t) => t.status === 'Open' && t.subject.includes(from),
      );
    const first = await missed();
    expect((await openCallBacks()).map((t) => [t.callId, t.subject])).toEqual([
      [first, `Call back ${from} (missed call)`],
    ]);
    const dueAt = (await openCallBacks())[0]!.dueAt;
    await missed();
    await missed();
    const grouped = await openCallBacks();
    expect(grouped.map((t) => [t.callId, t.subject, t.dueAt])).toEqual([
      [first, `Call back ${from} (3 missed calls)`, dueAt],
    ]);

    await server.database.db.update(tasks).set({ status: 'Done' }).where(eq(tasks.id, grouped[0]!.id));
    const fourth = await missed();
    expect((await openCallBacks()).map((t) => t.callId)).toEqual([fourth]);
  });
});

describe('tenants', () => {
  it('company B’s signed callbacks never touch company A’s calls', async () => {
    const scenario = outboundScenario(A.accountSid, acme.agent.id, nextId('tenant'), '+12125550101', 'answered');
    await send(scenario.ordered);
    const before = await record(scenario.crmCallId);
    // Same call id and sids, but B's account and B's token: B has no such call.
    const forged = scenario.callbacks.map((step) => ({
      ...step,
      params: { ...step.params, AccountSid: B.accountSid },
    }));
    await send(forged, B.authToken);
    expect(await record(scenario.crmCallId)).toEqual(before);
  });

  it('a call to B’s number rings only B’s agents, never A’s available ones', async () => {
    const response = await twilioPost(
      server,
      '/twilio/voice/incoming',
      { AccountSid: B.accountSid, CallSid: 'CA' + 'b'.repeat(32), From: '+12125550101', To: '+442071838750' },
      { authToken: B.authToken },
    );
    expect(response.body).not.toContain('<Client');
    expect(response.body).toContain('<Record ');
    const [row] = await server.database.db
      .select()
      .from(calls)
      .where(eq(calls.providerCallId, 'CA' + 'b'.repeat(32)));
    expect(row).toMatchObject({ companyId: globex.id, relatedId: null });
  });

  it('B signing a call to A’s number does not reach A', async () => {
    const response = await twilioPost(
      server,
      '/twilio/voice/incoming',
      { AccountSid: B.accountSid, CallSid: 'CA' + 'c'.repeat(32), From: '+12125550101', To: '+14155550100' },
      { authToken: B.authToken },
    );
    expect(response.body).toContain('not in service');
    expect(
      await server.database.db
        .select()
        .from(calls)
        .where(eq(calls.providerCallId, 'CA' + 'c'.repeat(32))),
    ).toHaveLength(0);
  });
});

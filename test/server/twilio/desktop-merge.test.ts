import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../src/shared/domain/call';
import { AT, as, hlc, seedCompany, startTestServer, type TestCompany, type TestServer } from '../helpers/server';
import { connectInput, connectTwilio } from './fixtures';
import { callBackTaskId } from '../../../src/shared/domain/ids';
import { agentPresence, tasks } from '../../../src/server/db/schema';
import { inboundScenario, outboundScenario, type Scenario } from './scenarios';
import { PUBLIC_URL, twilioPost } from './webhook-client';

/**
 * The desktop's record and Twilio's are one record: whichever reaches the server first,
 * the agent's wrap-up and Twilio's times, CallSid and recording are all there once, and
 * the desktop's pull carries the merged record.
 */

let server: TestServer;
let acme: TestCompany;
const A = connectInput('a');
const T0 = Date.parse('2026-03-10T12:00:00.000Z');

beforeAll(async () => {
  server = await startTestServer({ twilio: { publicUrl: PUBLIC_URL } });
  acme = await seedCompany(server, 'acme');
  await connectTwilio(server, acme.admin, 'a');
});
afterAll(() => server.close());

async function twilioSays(steps: Scenario['ordered']) {
  for (const step of steps) {
    const response = await twilioPost(server, step.path, step.params, { authToken: A.authToken });
    expect(response.statusCode).toBeLessThan(300);
  }
}

/** What the agent's desktop queues for an outbound call it placed: create, CallSid, end, wrap-up. */
function desktopMutations(id: string, parentSid: string, firstId: number) {
  const entries = [
    {
      name: 'call.create',
      args: {
        id,
        direction: 'Outbound',
        subject: 'Renewal call',
        status: 'Planned',
        toNumber: '+12125550101',
        at: '2026-03-10T12:00:00.000Z',
      },
    },
    { name: 'call.update', args: { id, set: { providerCallId: parentSid }, at: '2026-03-10T12:00:09.000Z' } },
    // The desktop's own clock is a second or two off Twilio's.
    {
      name: 'call.setStatus',
      args: {
        id,
        to: 'Held',
        actualStart: '2026-03-10T12:00:09.500Z',
        actualEnd: '2026-03-10T12:01:39.000Z',
        at: '2026-03-10T12:01:39.000Z',
      },
    },
    {
      name: 'call.update',
      args: {
        id,
        set: {
          dispositionCode: 'sale',
          outcomeText: 'Renewed for two years',
          related: { type: 'account', id: 'acc-9', name: 'Initech' },
        },
        at: '2026-03-10T12:03:00.000Z',
      },
    },
  ];
  return entries.map((entry, index) => ({ id: firstId + index, ...entry, hlc: hlc(T0 + 120_000 + index, 'desk') }));
}

function expectMerged(call: CallRecord, parentSid: string) {
  expect(call).toMatchObject({
    status: 'Held',
    actualStart: '2026-03-10T12:00:08.000Z',
    actualEnd: '2026-03-10T12:01:38.000Z',
    durationSeconds: 90,
    providerCallId: parentSid,
    recordingUrl: `${PUBLIC_URL}/calls/${call.id}/recording`,
    subject: 'Renewal call',
    outcome: { dispositionCode: 'sale', text: 'Renewed for two years' },
    related: { type: 'account', id: 'acc-9', name: 'Initech' },
    ownerId: acme.agent.id,
  });
  expect(call.history.filter((entry) => entry.to === 'Held')).toHaveLength(1);
}

async function pulled(clientId: string, id: string): Promise<CallRecord> {
  const page = await as(server, acme.agent).pull(clientId, null);
  const call = page.changes.calls.find((candidate) => candidate.id === id);
  if (!call) throw new Error(`call ${id} not in the pull`);
  return call;
}

describe('the desktop and Twilio report one call', () => {
  it('Twilio first, then the desktop’s create, CallSid, status and wrap-up: merged, nothing rejected', async () => {
    const scenario = outboundScenario(A.accountSid, acme.agent.id, 'merge-twilio-first', '+12125550101', 'answered');
    const parentSid = scenario.ordered[0]!.params['CallSid']!;
    await twilioSays([...scenario.ordered, ...scenario.callbacks]);
    const { body } = await as(server, acme.agent).push(
      'desktop-client-1',
      desktopMutations(scenario.crmCallId, parentSid, 1),
    );
    expect(body.outcomes.map((outcome) => outcome.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    expectMerged(await pulled('desktop-client-1', scenario.crmCallId), parentSid);
  });

  it('the desktop first, then Twilio’s voice request and callbacks: the same record', async () => {
    const scenario = outboundScenario(A.accountSid, acme.agent.id, 'merge-desktop-first', '+12125550101', 'answered');
    const parentSid = scenario.ordered[0]!.params['CallSid']!;
    const { body } = await as(server, acme.agent).push(
      'desktop-client-2',
      desktopMutations(scenario.crmCallId, parentSid, 1),
    );
    expect(body.outcomes.every((outcome) => outcome.status === 'applied')).toBe(true);
    await twilioSays([...scenario.ordered, ...scenario.callbacks]);
    expectMerged(await pulled('desktop-client-2', scenario.crmCallId), parentSid);
  });

  it('interleaved: the desktop’s create between Twilio’s request and its callbacks', async () => {
    const scenario = outboundScenario(A.accountSid, acme.agent.id, 'merge-interleaved', '+12125550101', 'answered');
    const parentSid = scenario.ordered[0]!.params['CallSid']!;
    const [create, ...rest] = desktopMutations(scenario.crmCallId, parentSid, 1);
    await twilioSays(scenario.ordered);
    await as(server, acme.agent).push('desktop-client-3', [create!]);
    await twilioSays(scenario.callbacks.slice(0, 3));
    await as(server, acme.agent).push('desktop-client-3', rest);
    await twilioSays(scenario.callbacks.slice(3));
    expectMerged(await pulled('desktop-client-3', scenario.crmCallId), parentSid);
  });

  it('a desktop edit never replaces the CallSid or recording link Twilio stated', async () => {
    const scenario = outboundScenario(A.accountSid, acme.agent.id, 'merge-owned', '+12125550101', 'answered');
    await twilioSays([...scenario.ordered, ...scenario.callbacks]);
    const before = await pulled('desktop-client-4', scenario.crmCallId);
    const { body } = await as(server, acme.agent).push('desktop-client-4', [
      {
        id: 1,
        name: 'call.update',
        args: {
          id: scenario.crmCallId,
          set: { providerCallId: 'CAchildleg', recordingUrl: 'https://evil.example/r', outcomeText: 'kept' },
          at: '2026-03-10T12:05:00.000Z',
        },
        hlc: hlc(T0 + 240_000, 'desk'),
      },
    ]);
    expect(body.outcomes[0]!.status).toBe('applied');
    const after = await pulled('desktop-client-4', scenario.crmCallId);
    expect(after.providerCallId).toBe(before.providerCallId);
    expect(after.recordingUrl).toBe(before.recordingUrl);
    expect(after.outcome.text).toBe('kept');
  });

  it('another agent cannot take over a call by passing its id as CrmCallId', async () => {
    await as(server, acme.agent).push('desktop-client-5', [
      {
        id: 1,
        name: 'call.create',
        args: { id: 'someone-elses', direction: 'Outbound', subject: 'Mine', at: '2026-03-10T12:00:00.000Z' },
        hlc: hlc(T0, 'desk'),
      },
    ]);
    const scenario = outboundScenario(A.accountSid, acme.agent2.id, 'someone-elses', '+12125550101', 'busy');
    await twilioSays(scenario.ordered);
    const mine = await pulled('desktop-client-5', 'someone-elses');
    expect(mine.providerCallId).toBeNull();
    expect(mine.ownerId).toBe(acme.agent.id);
  });
});

describe('a missed inbound call on the Twilio line', () => {
  /** What the desktop queues when its line saw the call go unanswered: the record (the server's id) and the call-back. */
  function desktopMissed(callId: string, customer: string, node: string) {
    const at = '2026-03-10T12:00:25.000Z';
    return [
      {
        id: 1,
        name: 'call.create',
        args: {
          id: callId,
          direction: 'Inbound',
          subject: 'Call from Initech',
          status: 'NotHeld',
          reason: 'Missed call: the caller hung up',
          fromNumber: '+12125550101',
          providerCallId: customer,
          at,
        },
        hlc: hlc(T0 + 25_000, node),
      },
      {
        id: 2,
        name: 'task.create',
        args: {
          id: callBackTaskId(callId),
          subject: 'Call back Initech',
          dueAt: '2026-03-10T12:15:25.000Z',
          priority: 'High',
          related: null,
          callId,
          isDemo: false,
          at,
        },
        hlc: hlc(T0 + 25_001, node),
      },
    ];
  }

  for (const first of ['twilio', 'desktop'] as const) {
    it(`leaves exactly one call-back task when ${first === 'twilio' ? 'Twilio' : 'the desktop'} reports first, nothing refused`, async () => {
      await server.database.db
        .insert(agentPresence)
        .values({
          companyId: acme.id,
          userId: acme.agent.id,
          availability: 'Available',
          hlc: '0',
          lastSeenAt: server.clock.now,
        })
        .onConflictDoNothing();
      const scenario = inboundScenario(A.accountSid, '+12125550101', '+14155550100', [acme.agent.id], false);
      const voice = await twilioPost(server, scenario.ordered[0]!.path, scenario.ordered[0]!.params, {
        authToken: A.authToken,
      });
      const callId = /name="CrmCallId" value="([^"]+)"/.exec(voice.body)![1]!;
      const rest = [scenario.afterDial(callId), ...scenario.withCallId(callId)];
      const desktop = () =>
        as(server, acme.agent).push(`missed-${first}`, desktopMissed(callId, scenario.customer, `desk-${first}`));
      if (first === 'twilio') await twilioSays(rest);
      const { body } = await desktop();
      if (first === 'desktop') await twilioSays(rest);
      expect(body.outcomes.map((outcome) => outcome.status)).toEqual(['applied', 'applied']);
      const callBacks = await server.database.db.select().from(tasks).where(eq(tasks.callId, callId));
      expect(callBacks).toHaveLength(1);
      expect(callBacks[0]).toMatchObject({ id: callBackTaskId(callId), status: 'Open', priority: 'High' });
      const call = await pulled(`missed-${first}`, callId);
      expect(call).toMatchObject({ status: 'NotHeld', providerCallId: scenario.customer });
    });
  }

  it('a task.create under an id that is not a call-back of its call is still refused as a duplicate', async () => {
    const task = (id: number, subject: string) => ({
      id,
      name: 'task.create',
      args: {
        id: 'plain-task-1',
        subject,
        dueAt: null,
        priority: 'Normal',
        related: null,
        callId: null,
        isDemo: false,
        at: AT,
      },
      hlc: hlc(T0 + id, 'desk-foreign'),
    });
    const { body } = await as(server, acme.agent).push('missed-foreign', [task(1, 'One'), task(2, 'Two')]);
    expect(body.outcomes.map((outcome) => outcome.status)).toEqual(['applied', 'rejected']);
  });
});

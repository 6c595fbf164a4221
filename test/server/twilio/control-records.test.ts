import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { twilioLegs } from '../../../src/server/db/schema';
import { importDirectory } from '../../../src/server/directory/store';
import { voiceIdentityForUser } from '../../../src/shared/voice/protocol';
import { as } from '../helpers/server';
import { answeredInbound, at, CONFERENCE_SID, joined, legStatus, participant } from './control-helpers';
import { server, rest, acme, A, lastCreatedSid, mark, markNow, post, useControlServer } from './control-setup';
import { PUBLIC_URL, twilioPost } from './webhook-client';

/**
 * What hold and transfer leave on the CRM record: the recording once the call moved
 * into its Conference, and, after a colleague took the call over, one record of the
 * customer's call that both agents see, with each agent's leg keeping its own times.
 */

useControlServer();

const CALLER = { id: 'c-pat', e164: '+12125550145', accountId: 'acc-1' };

beforeAll(async () => {
  const stamp = '2026-03-01T00:00:00.000Z';
  await importDirectory(server.database.db, acme.id, 'contacts', [
    {
      id: CALLER.id,
      firstName: 'Pat',
      lastName: 'Caller',
      accountId: CALLER.accountId,
      timeZone: null,
      phones: [{ kind: 'work', e164: CALLER.e164 }],
      createdAt: stamp,
      updatedAt: stamp,
    },
  ]);
}, 60_000);

const recordingSid = (digit: string) => `RE${digit.repeat(32)}`;

/** Twilio reports a finished recording: the <Dial>'s (by CallSid) or the Conference's (by ConferenceSid). */
async function recorded(
  callId: string,
  source: { kind: 'call'; callSid: string } | { kind: 'conference' },
  sid: string,
  seconds: number,
) {
  rest.recordings.set(sid, Buffer.from(`media of ${sid}`));
  const response = await twilioPost(
    server,
    `/twilio/voice/recording?callId=${callId}&kind=${source.kind}`,
    {
      AccountSid: A.accountSid,
      ...(source.kind === 'call' ? { CallSid: source.callSid } : { ConferenceSid: CONFERENCE_SID }),
      RecordingSid: sid,
      RecordingUrl: `${rest.baseUrl}/2010-04-01/Accounts/${A.accountSid}/Recordings/${sid}`,
      RecordingStatus: 'completed',
      RecordingDuration: String(seconds),
      RecordingSource: source.kind === 'call' ? 'DialVerb' : 'Conference',
    },
    { authToken: A.authToken },
  );
  expect(response.statusCode).toBe(204);
}

async function playedRecording(user: { token: string }, callId: string) {
  const response = await as(server, user).get(`/calls/${callId}/recording`);
  expect(response.statusCode).toBe(200);
  return response.body;
}

describe('the recording of a call moved into its Conference', () => {
  it('records the Conference, and its recording is the one on the record whichever callback comes first', async () => {
    for (const conferenceFirst of [false, true]) {
      const call = await answeredInbound(server, A, acme.agent.id);
      markNow();
      await post(acme.agent, call.customer, 'hold', { hold: true });
      // Both legs join a recorded Conference, reported to our recording callback.
      const twiml = String(rest.requests[mark]!.form['Twiml']);
      expect(twiml).toContain('record="record-from-start"');
      expect(twiml).toContain(
        `recordingStatusCallback="${PUBLIC_URL}/twilio/voice/recording?callId=${call.callId}&amp;kind=conference"`,
      );
      const dialSid = recordingSid(conferenceFirst ? '3' : '1');
      const roomSid = recordingSid(conferenceFirst ? '4' : '2');
      // The <Dial>'s recording stops at the move (the minutes before the hold); the
      // Conference's comes when the call ends. Twilio may deliver them in either order.
      const dial = () => recorded(call.callId, { kind: 'call', callSid: call.customer }, dialSid, 40);
      const room = () => recorded(call.callId, { kind: 'conference' }, roomSid, 300);
      if (conferenceFirst) {
        await room();
        await dial();
      } else {
        await dial();
        await room();
        await dial(); // delivered again, late
      }
      const record = (await as(server, acme.agent).get(`/calls/${call.callId}`)).json();
      expect(record.recordingUrl).toBe(`${PUBLIC_URL}/calls/${call.callId}/recording`);
      expect(await playedRecording(acme.agent, call.callId)).toBe(`media of ${roomSid}`);
    }
  });

  it('refuses a recording callback that names neither a call nor a Conference', async () => {
    const call = await answeredInbound(server, A, acme.agent.id);
    const response = await twilioPost(
      server,
      `/twilio/voice/recording?callId=${call.callId}&kind=conference`,
      {
        AccountSid: A.accountSid,
        RecordingSid: recordingSid('5'),
        RecordingUrl: `${rest.baseUrl}/2010-04-01/Accounts/${A.accountSid}/Recordings/${recordingSid('5')}`,
        RecordingStatus: 'completed',
      },
      { authToken: A.authToken },
    );
    expect(response.statusCode).toBe(400);
    expect((await as(server, acme.agent).get(`/calls/${call.callId}`)).json().recordingUrl).toBeNull();
  });
});

describe('after a cold transfer to a colleague', () => {
  it('one record of the customer’s call, theirs now and still in the first agent’s log; each leg its own times', async () => {
    const call = await answeredInbound(server, A, acme.agent.id, CALLER.e164);
    await post(acme.agent, call.customer, 'hold', { hold: true });
    await joined(server, A, call.callId, call.customer);
    await joined(server, A, call.callId, call.client);
    markNow();
    expect(
      (
        await post(acme.agent, call.customer, 'transfer', {
          mode: 'cold',
          target: { type: 'agent', userId: acme.agent2.id },
        })
      ).statusCode,
    ).toBe(200);
    const targetSid = lastCreatedSid();
    // The colleague's Device is rung with what names the call on their desktop: the
    // customer's leg and our record (their desktop's record is this one), and the caller.
    const rung = rest.requests.slice(mark).find((r) => r.path.endsWith('/Participants.json'))!;
    const [client, query] = String(rung.form['To']).split('?');
    expect(client).toBe(`client:${voiceIdentityForUser(acme.agent2.id)}`);
    expect(Object.fromEntries(new URLSearchParams(query))).toEqual({
      ParentCallSid: call.customer,
      CrmCallId: call.callId,
      CallerNumber: CALLER.e164,
    });
    expect(rung.form['From']).toBe(CALLER.e164);

    // Twilio's reports: the first agent left at 0:30, the colleague answered at 0:40 and
    // talked until 5:00, then the customer hung up; the Conference's recording came last.
    const q = `?callId=${call.callId}`;
    const firstAgent = {
      sid: call.client,
      parent: call.customer,
      to: `client:${voiceIdentityForUser(acme.agent.id)}`,
      query: q,
    };
    await legStatus(server, A, firstAgent, 'completed', 2, 30, 25);
    const colleague = {
      sid: targetSid,
      to: `client:${voiceIdentityForUser(acme.agent2.id)}`,
      query: `${q}&leg=transfer`,
    };
    await legStatus(server, A, colleague, 'ringing', 0, 32);
    await legStatus(server, A, colleague, 'in-progress', 1, 40);
    markNow();
    await joined(server, A, call.callId, targetSid);
    expect(rest.requests.slice(mark).map((r) => [r.method, r.path, r.form['Hold']])).toEqual([
      ['POST', participant(A.accountSid, call.customer), 'false'],
    ]);
    await legStatus(server, A, colleague, 'completed', 2, 300, 260);
    await legStatus(server, A, { sid: call.customer, to: '+14155550100', query: '' }, 'completed', 2, 301, 301);
    await recorded(call.callId, { kind: 'conference' }, recordingSid('6'), 296);

    const record = (await as(server, acme.agent2).get(`/calls/${call.callId}`)).json();
    expect(record).toMatchObject({
      id: call.callId,
      direction: 'Inbound',
      status: 'Held',
      ownerId: acme.agent2.id,
      providerCallId: call.customer,
      fromNumber: CALLER.e164,
      actualStart: new Date(Date.parse('2026-03-10T12:00:00.000Z') + 5_000).toISOString(),
      actualEnd: '2026-03-10T12:05:00.000Z',
      durationSeconds: 295,
      recordingUrl: `${PUBLIC_URL}/calls/${call.callId}/recording`,
    });
    expect(record.participants).toEqual(
      expect.arrayContaining([
        { kind: 'user', id: acme.agent2.id, role: 'organizer', name: 'agent2 acme' },
        expect.objectContaining({ kind: 'user', id: acme.agent.id, role: 'attendee' }),
        expect.objectContaining({ kind: 'contact', id: CALLER.id }),
      ]),
    );
    expect(record.related).toMatchObject({ type: 'account', id: CALLER.accountId });
    // The first agent still reads it, and both desktops pull the same record.
    expect((await as(server, acme.agent).get(`/calls/${call.callId}`)).json()).toEqual(record);
    for (const user of [acme.agent, acme.agent2]) {
      const pulled = await as(server, user).post('/sync/pull', { clientId: `desk-${user.id}`, cursor: null });
      const calls = pulled.json().changes.calls as { id: string }[];
      expect(calls.find((c) => c.id === call.callId)).toEqual(record);
    }
    expect(await playedRecording(acme.agent2, call.callId)).toBe(`media of ${recordingSid('6')}`);
    // Each agent's leg keeps its own times: the first agent's ended when they handed over.
    const legs = await server.database.db
      .select({
        callSid: twilioLegs.callSid,
        role: twilioLegs.role,
        userId: twilioLegs.userId,
        state: twilioLegs.state,
      })
      .from(twilioLegs)
      .where(and(eq(twilioLegs.companyId, acme.id), eq(twilioLegs.callId, call.callId)));
    const times = (sid: string) => {
      const leg = legs.find((l) => l.callSid === sid)!;
      return { role: leg.role, userId: leg.userId, answeredAt: leg.state['answeredAt'], endedAt: leg.state['endedAt'] };
    };
    expect(times(call.client)).toEqual({
      role: 'agent',
      userId: acme.agent.id,
      answeredAt: new Date(Date.parse(at(5))).toISOString(),
      endedAt: new Date(Date.parse(at(30))).toISOString(),
    });
    expect(times(targetSid)).toEqual({
      role: 'transfer',
      userId: acme.agent2.id,
      answeredAt: new Date(Date.parse(at(40))).toISOString(),
      endedAt: new Date(Date.parse(at(300))).toISOString(),
    });
  });
});

import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { newId } from '../../../src/shared/domain/ids';
import { voiceIdentityForUser } from '../../../src/shared/voice/protocol';
import { as } from '../helpers/server';
import {
  agentAfterDial,
  answeredInbound,
  answeredOutbound,
  base,
  CONFERENCE_SID,
  joined,
  joinTwiml,
  legStatus,
  participant,
  redirected,
  requestsSince,
  setAvailable,
} from './control-helpers';
import {
  server,
  rest,
  acme,
  globex,
  A,
  B,
  HOLD,
  targetRung,
  lastCreatedSid,
  mark,
  markNow,
  post,
  useControlServer,
} from './control-setup';
import { twilioPost } from './webhook-client';

useControlServer();

describe('cold transfer', () => {
  it('to a number from a plain outbound bridge: the agent’s leg ends, the customer waits for the target', async () => {
    const call = await answeredOutbound(server, A, acme.agent.id, '+12125550103', newId());
    markNow();
    const target = { type: 'number', number: '+12125550177' };
    const response = await post(acme.agent, call.parent, 'transfer', { mode: 'cold', target });
    expect(response.json()).toEqual({
      callSid: call.parent,
      onHold: true,
      transfer: { mode: 'cold', target, state: 'completed' },
    });
    expect(requestsSince(rest, mark)).toEqual([
      redirected(A.accountSid, call.child, joinTwiml(call.callId, 'customer')),
    ]);
    const after = await agentAfterDial(server, A, acme.agent.id, call, '+12125550103');
    expect(after.body).toContain('<Hangup/>');
    markNow();
    await joined(server, A, call.callId, call.child);
    const targetSid = lastCreatedSid();
    expect(requestsSince(rest, mark)).toEqual([
      { method: 'POST', path: participant(A.accountSid, call.child), form: HOLD },
      targetRung(call.callId, { from: '+14155550100', to: '+12125550177', endOnExit: 'true' }),
    ]);
    markNow();
    await joined(server, A, call.callId, targetSid);
    expect(requestsSince(rest, mark)).toEqual([
      { method: 'POST', path: participant(A.accountSid, call.child), form: { Hold: 'false' } },
    ]);
    const record = (await as(server, acme.agent).get(`/calls/${call.callId}`)).json();
    expect(record.ownerId).toBe(acme.agent.id);
    const notes = (await as(server, acme.agent).get(`/calls/${call.callId}/notes`)).json();
    expect(JSON.stringify(notes)).toContain('Cold transfer: agent acme passed the call to +12125550177.');
  });

  it('to a colleague from a held call: rung into the Conference, the agent hands over and leaves at once', async () => {
    const call = await answeredInbound(server, A, acme.agent.id);
    await post(acme.agent, call.customer, 'hold', { hold: true });
    await joined(server, A, call.callId, call.customer);
    await joined(server, A, call.callId, call.client);
    markNow();
    const response = await post(acme.agent, call.customer, 'transfer', {
      mode: 'cold',
      target: { type: 'agent', userId: acme.agent2.id },
    });
    expect(response.statusCode).toBe(200);
    const targetSid = lastCreatedSid();
    const sent = requestsSince(rest, mark);
    expect(sent.map((r) => [r.method, r.path, r.form['EndConferenceOnExit'] ?? r.form['Hold'] ?? null])).toEqual([
      ['POST', participant(A.accountSid, call.client), 'false'],
      ['POST', `${base(A.accountSid)}/Conferences/${CONFERENCE_SID}/Participants.json`, 'true'],
      ['DELETE', participant(A.accountSid, call.client), null],
    ]);
    expect(sent[1]!.form['To']).toMatch(new RegExp(`^client:${voiceIdentityForUser(acme.agent2.id)}\\?`));
    const record = (await as(server, acme.agent2).get(`/calls/${call.callId}`)).json();
    expect(record.ownerId).toBe(acme.agent2.id);
    // The colleague answers: the customer comes off hold.
    markNow();
    await joined(server, A, call.callId, targetSid);
    expect(requestsSince(rest, mark)).toEqual([
      { method: 'POST', path: participant(A.accountSid, call.customer), form: { Hold: 'false' } },
    ]);
  });

  it('nobody answers a cold transfer: the customer is sent to voicemail, not left on hold', async () => {
    const call = await answeredInbound(server, A, acme.agent.id);
    await post(acme.agent, call.customer, 'transfer', {
      mode: 'cold',
      target: { type: 'number', number: '+12125550155' },
    });
    await joined(server, A, call.callId, call.customer);
    const targetSid = lastCreatedSid();
    markNow();
    const target = { sid: targetSid, to: '+12125550155', query: `?callId=${call.callId}&leg=transfer` };
    await legStatus(server, A, target, 'ringing', 0, 20);
    expect(requestsSince(rest, mark)).toEqual([]);
    await legStatus(server, A, target, 'no-answer', 1, 45, 0);
    const sent = requestsSince(rest, mark);
    expect(sent.map((r) => [r.method, r.path])).toEqual([
      ['POST', `${base(A.accountSid)}/Calls/${call.customer}.json`],
    ]);
    expect(sent[0]!.form['Twiml']).toContain('<Record');
    expect(sent[0]!.form['Twiml']).toContain(`/twilio/voice/recording?callId=${call.callId}&amp;kind=voicemail`);
  });

  it('refuses a blocked or do-not-contact number, and a colleague of another company, before asking Twilio', async () => {
    const call = await answeredInbound(server, A, acme.agent.id);
    for (const [target, status, words] of [
      [{ type: 'number', number: '+12125550666' }, 422, /blocked/],
      [{ type: 'number', number: '+12125550777' }, 422, /asked not to be called/],
      [{ type: 'agent', userId: globex.agent.id }, 404, /not found/],
      [{ type: 'agent', userId: acme.agent.id }, 400, /already with you/],
    ] as const) {
      const response = await post(acme.agent, call.customer, 'transfer', { mode: 'cold', target });
      expect(response.statusCode).toBe(status);
      expect(response.json().message).toMatch(words);
    }
    expect(requestsSince(rest, mark)).toEqual([]);
  });
});

describe('who may hold or transfer', () => {
  it('only the agent on the call, in their own company, with a well-formed request', async () => {
    const call = await answeredInbound(server, A, acme.agent.id);
    const refusals = [
      [globex.agent, call.customer, 'hold', { hold: true }, 404],
      [
        globex.admin,
        call.customer,
        'transfer',
        { mode: 'cold', target: { type: 'number', number: '+12125550100' } },
        404,
      ],
      [acme.agent2, call.customer, 'hold', { hold: true }, 403],
      [acme.agent, call.customer, 'hold', { hold: 'yes' }, 400],
      [acme.agent, call.customer, 'transfer', { mode: 'cold', target: { type: 'number', number: '555' } }, 400],
      [acme.agent, 'not-a-sid', 'hold', { hold: true }, 400],
      [acme.agent, `CA${'9'.repeat(32)}`, 'hold', { hold: true }, 404],
    ] as const;
    for (const [user, sid, path, body, status] of refusals) {
      expect((await post(user, sid, path, body)).statusCode).toBe(status);
    }
    const anonymous = await server.app.inject({
      method: 'POST',
      url: `/voice/calls/${call.customer}/hold`,
      payload: { hold: true },
    });
    expect(anonymous.statusCode).toBe(401);
    expect(requestsSince(rest, mark)).toEqual([]);
  });

  it('company B’s signed conference events never act on company A’s call', async () => {
    const call = await answeredInbound(server, A, acme.agent.id);
    await post(acme.agent, call.customer, 'hold', { hold: true });
    markNow();
    const response = await twilioPost(
      server,
      `/twilio/voice/conference?callId=${call.callId}`,
      {
        AccountSid: B.accountSid,
        ConferenceSid: CONFERENCE_SID,
        StatusCallbackEvent: 'participant-join',
        CallSid: call.customer,
      },
      { authToken: B.authToken },
    );
    expect(response.statusCode).toBe(204);
    expect(requestsSince(rest, mark)).toEqual([]);
    const unsigned = await twilioPost(
      server,
      `/twilio/voice/conference?callId=${call.callId}`,
      {
        AccountSid: A.accountSid,
        ConferenceSid: CONFERENCE_SID,
        StatusCallbackEvent: 'participant-join',
        CallSid: call.customer,
      },
      { signature: 'forged' },
    );
    expect(unsigned.statusCode).toBe(403);
    expect(requestsSince(rest, mark)).toEqual([]);
  });
});

describe('GET /voice/team', () => {
  it('lists the agent’s colleagues with the availability routing would use, never another company’s', async () => {
    await setAvailable(server, acme.id, acme.agent2.id);
    // The supervisor said Available ten minutes ago and has not been heard from since: Offline.
    await setAvailable(server, acme.id, acme.supervisor.id);
    await server.database.db.execute(
      sql`update agent_presence set last_seen_at = ${new Date(server.clock.now.getTime() - 600_000)} where user_id = ${acme.supervisor.id}`,
    );
    const response = await as(server, acme.agent).get('/voice/team');
    expect(response.statusCode).toBe(200);
    const members = response.json().members as { userId: string; name: string; availability: string }[];
    expect(members.map((m) => m.userId)).not.toContain(acme.agent.id);
    expect(members).toEqual(
      expect.arrayContaining([
        { userId: acme.agent2.id, name: 'agent2 acme', availability: 'Available' },
        { userId: acme.supervisor.id, name: 'supervisor acme', availability: 'Offline' },
      ]),
    );
    expect(JSON.stringify(members)).not.toContain('globex');
    expect((await server.app.inject({ method: 'GET', url: '/voice/team' })).statusCode).toBe(401);
  });
});

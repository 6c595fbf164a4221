import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { newId } from '../../../src/shared/domain/ids';
import { voiceIdentityForUser } from '../../../src/shared/voice/protocol';
import { importDirectory } from '../../../src/server/directory/store';
import { as, seedCompany, startTestServer, type TestCompany, type TestServer } from '../helpers/server';
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
import { startFakeTwilioRest, type FakeTwilioRest } from './fake-twilio-rest';
import { connectInput, connectTwilio } from './fixtures';
import { PUBLIC_URL, twilioPost } from './webhook-client';

let server: TestServer;
let rest: FakeTwilioRest;
let acme: TestCompany;
let globex: TestCompany;
const A = connectInput('a');
const B = connectInput('b');
const HOLD = { Hold: 'true', HoldUrl: `${PUBLIC_URL}/twilio/voice/hold-music`, HoldMethod: 'POST' };
/** The participant request that rings a transfer's target into the Conference. */
const targetRung = (callId: string, target: { from: string; to: string; endOnExit: 'true' | 'false' }) => ({
  method: 'POST',
  path: `${base(A.accountSid)}/Conferences/${CONFERENCE_SID}/Participants.json`,
  form: {
    From: target.from,
    To: target.to,
    Label: 'transfer',
    Beep: 'false',
    EndConferenceOnExit: target.endOnExit,
    Timeout: '25',
    StatusCallback: `${PUBLIC_URL}/twilio/voice/status?callId=${callId}&leg=transfer`,
    StatusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
    StatusCallbackMethod: 'POST',
  },
});
/** The sid the fake gave the participant created last: CA000…0901, 0902… in order of creation. */
const lastCreatedSid = () => {
  const created = rest.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/Participants.json')).length;
  return `CA${String(900 + created).padStart(32, '0')}`;
};

// Two companies, a directory and a fake REST server: slow on a busy machine, hence the time allowed.
beforeAll(async () => {
  rest = await startFakeTwilioRest();
  server = await startTestServer({ twilio: { publicUrl: PUBLIC_URL, restBaseUrl: rest.baseUrl } });
  acme = await seedCompany(server, 'acme');
  globex = await seedCompany(server, 'globex');
  await connectTwilio(server, acme.admin, 'a', { blockedNumbers: ['+12125550666'] });
  await connectTwilio(server, globex.admin, 'b');
  const at = '2026-03-01T00:00:00.000Z';
  await importDirectory(server.database.db, acme.id, 'accounts', [
    { id: 'acc-1', name: 'Initech', country: 'US', timeZone: null, phones: [], createdAt: at, updatedAt: at },
  ]);
  await importDirectory(server.database.db, acme.id, 'contacts', [
    {
      id: 'c-dnc',
      firstName: 'Dora',
      lastName: 'Nocall',
      accountId: 'acc-1',
      timeZone: null,
      doNotContact: true,
      doNotContactReason: 'asked not to be called',
      phones: [{ kind: 'work', e164: '+12125550777' }],
      createdAt: at,
      updatedAt: at,
    },
  ]);
  await setAvailable(server, acme.id, acme.agent.id);
}, 180_000);
afterAll(async () => {
  await server.close();
  await rest.close();
});
let mark = 0;
beforeEach(() => {
  mark = rest.requests.length;
});

const post = (user: { token: string }, sid: string, path: string, body: unknown = {}) =>
  as(server, user).post(`/voice/calls/${sid}/${path}`, body);

describe('hold and resume', () => {
  it('moves the call into its Conference on the first hold, then holds the customer with our music', async () => {
    const call = await answeredInbound(server, A, acme.agent.id);
    const response = await post(acme.agent, call.customer, 'hold', { hold: true });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ callSid: call.customer, onHold: true, transfer: null });
    // The agent's <Client> leg is the <Dial>'s child: redirected by REST, with the API key.
    expect(requestsSince(rest, mark)).toEqual([redirected(A.accountSid, call.client, joinTwiml(call.callId, 'agent'))]);
    expect(rest.requests.at(-1)!.username).toBe(A.apiKeySid);
    // The customer's <Dial> ends and asks its action URL: it joins the same Conference.
    const after = await twilioPost(
      server,
      `/twilio/voice/incoming?step=after-dial&callId=${call.callId}`,
      {
        AccountSid: A.accountSid,
        CallSid: call.customer,
        From: call.from,
        To: '+14155550100',
        DialCallStatus: 'completed',
      },
      { authToken: A.authToken },
    );
    expect(after.body).toBe(joinTwiml(call.callId, 'customer'));
    // Only when Twilio says the customer is in can the participant be held.
    mark = rest.requests.length;
    await joined(server, A, call.callId, call.client);
    expect(requestsSince(rest, mark)).toEqual([]);
    await joined(server, A, call.callId, call.customer);
    expect(requestsSince(rest, mark)).toEqual([
      { method: 'POST', path: participant(A.accountSid, call.customer), form: HOLD },
    ]);

    mark = rest.requests.length;
    const resumed = await post(acme.agent, call.customer, 'hold', { hold: false });
    expect(resumed.json()).toEqual({ callSid: call.customer, onHold: false, transfer: null });
    expect(requestsSince(rest, mark)).toEqual([
      { method: 'POST', path: participant(A.accountSid, call.customer), form: { Hold: 'false' } },
    ]);
    mark = rest.requests.length;
    await post(acme.agent, call.customer, 'hold', { hold: true });
    expect(requestsSince(rest, mark)).toEqual([
      { method: 'POST', path: participant(A.accountSid, call.customer), form: HOLD },
    ]);
  });

  it('plays our own music to a held participant (signed TwiML, then the audio)', async () => {
    const twiml = await twilioPost(
      server,
      '/twilio/voice/hold-music',
      { AccountSid: A.accountSid, CallSid: `CA${'1'.repeat(32)}` },
      { authToken: A.authToken },
    );
    expect(twiml.body).toContain(`<Play loop="0">${PUBLIC_URL}/twilio/hold-music.wav</Play>`);
    const unsigned = await twilioPost(
      server,
      '/twilio/voice/hold-music',
      { AccountSid: A.accountSid },
      { signature: null },
    );
    expect(unsigned.statusCode).toBe(403);
    const audio = await server.app.inject({ method: 'GET', url: '/twilio/hold-music.wav' });
    expect(audio.headers['content-type']).toBe('audio/wav');
    expect(audio.rawPayload.subarray(0, 4).toString()).toBe('RIFF');
    expect(audio.rawPayload.length).toBeGreaterThan(44 + 8000 * 2);
  });

  it('on an outbound call redirects the customer’s leg and brings the agent’s in through the <Dial> action', async () => {
    const call = await answeredOutbound(server, A, acme.agent.id, '+12125550101', newId());
    expect(call.twiml).toContain(
      `action="${PUBLIC_URL}/twilio/voice/outgoing?step=after-dial&amp;callId=${call.callId}"`,
    );
    mark = rest.requests.length;
    expect((await post(acme.agent, call.parent, 'hold', { hold: true })).statusCode).toBe(200);
    expect(requestsSince(rest, mark)).toEqual([
      redirected(A.accountSid, call.child, joinTwiml(call.callId, 'customer')),
    ]);
    const after = await agentAfterDial(server, A, acme.agent.id, call, '+12125550101');
    expect(after.body).toBe(joinTwiml(call.callId, 'agent'));
  });

  it('answers a plain call’s <Dial> action with a hang-up, as before (no Conference)', async () => {
    const call = await answeredOutbound(server, A, acme.agent.id, '+12125550102', newId());
    const after = await agentAfterDial(server, A, acme.agent.id, call, '+12125550102');
    expect(after.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>');
  });
});

describe('warm transfer', () => {
  it('consults a colleague while the customer waits, then hands the call over; both see the record', async () => {
    const call = await answeredInbound(server, A, acme.agent.id, '+12125550123');
    const target = { type: 'agent', userId: acme.agent2.id };
    const started = await post(acme.agent, call.customer, 'transfer', { mode: 'warm', target });
    expect(started.statusCode).toBe(200);
    expect(started.json()).toEqual({
      callSid: call.customer,
      onHold: true,
      transfer: { mode: 'warm', target, state: 'consulting' },
    });
    // Not reached yet: completing now would leave the customer with nobody.
    expect((await post(acme.agent, call.customer, 'transfer/complete')).statusCode).toBe(409);
    await joined(server, A, call.callId, call.client);
    mark = rest.requests.length;
    await joined(server, A, call.callId, call.customer);
    const targetSid = lastCreatedSid();
    const query = new URLSearchParams({
      ParentCallSid: call.customer,
      CrmCallId: call.callId,
      CallerNumber: '+12125550123',
    });
    expect(requestsSince(rest, mark)).toEqual([
      { method: 'POST', path: participant(A.accountSid, call.customer), form: HOLD },
      targetRung(call.callId, {
        from: '+12125550123',
        to: `client:${voiceIdentityForUser(acme.agent2.id)}?${query.toString()}`,
        endOnExit: 'false',
      }),
    ]);
    // A second delivery of the same join rings nobody twice.
    mark = rest.requests.length;
    await joined(server, A, call.callId, call.customer);
    expect(requestsSince(rest, mark).filter((r) => r.path.endsWith('Participants.json'))).toEqual([]);
    // The customer cannot be taken off hold in the middle of the consultation.
    expect((await post(acme.agent, call.customer, 'hold', { hold: false })).statusCode).toBe(409);

    mark = rest.requests.length;
    const done = await post(acme.agent, call.customer, 'transfer/complete');
    expect(done.json()).toEqual({
      callSid: call.customer,
      onHold: false,
      transfer: { mode: 'warm', target, state: 'completed' },
    });
    expect(requestsSince(rest, mark)).toEqual([
      { method: 'POST', path: participant(A.accountSid, targetSid), form: { EndConferenceOnExit: 'true' } },
      { method: 'POST', path: participant(A.accountSid, call.client), form: { EndConferenceOnExit: 'false' } },
      { method: 'DELETE', path: participant(A.accountSid, call.client), form: {} },
      { method: 'POST', path: participant(A.accountSid, call.customer), form: { Hold: 'false' } },
    ]);

    // The legs end: the first agent's when they left, the colleague's and the customer's later.
    const q = `?callId=${call.callId}`;
    await legStatus(
      server,
      A,
      { sid: call.client, parent: call.customer, to: `client:${voiceIdentityForUser(acme.agent.id)}`, query: q },
      'completed',
      2,
      65,
      60,
    );
    const targetLeg = {
      sid: targetSid,
      to: `client:${voiceIdentityForUser(acme.agent2.id)}`,
      query: `${q}&leg=transfer`,
    };
    await legStatus(server, A, targetLeg, 'in-progress', 1, 40);
    await legStatus(server, A, targetLeg, 'completed', 2, 300, 260);
    await legStatus(server, A, { sid: call.customer, to: '+14155550100', query: '' }, 'completed', 2, 301, 301);

    const asTarget = (await as(server, acme.agent2).get(`/calls/${call.callId}`)).json();
    expect(asTarget).toMatchObject({
      ownerId: acme.agent2.id,
      status: 'Held',
      actualStart: '2026-03-10T12:00:05.000Z',
      actualEnd: '2026-03-10T12:05:00.000Z',
      durationSeconds: 295,
    });
    expect(asTarget.participants.slice(0, 2)).toEqual([
      { kind: 'user', id: acme.agent2.id, role: 'organizer', name: 'agent2 acme' },
      { kind: 'user', id: acme.agent.id, role: 'attendee', name: '' },
    ]);
    const asFirst = await as(server, acme.agent).get(`/calls/${call.callId}`);
    expect(asFirst.statusCode).toBe(200);
    const notes = (await as(server, acme.agent2).get(`/calls/${call.callId}/notes`)).json();
    expect(JSON.stringify(notes)).toContain('Warm transfer: agent acme passed the call to agent2 acme.');
  });

  it('is now the colleague’s call to hold, not the first agent’s', async () => {
    const call = await answeredInbound(server, A, acme.agent.id);
    await post(acme.agent, call.customer, 'transfer', {
      mode: 'warm',
      target: { type: 'agent', userId: acme.agent2.id },
    });
    await joined(server, A, call.callId, call.customer);
    await post(acme.agent, call.customer, 'transfer/complete');
    expect((await post(acme.agent, call.customer, 'hold', { hold: true })).statusCode).toBe(403);
    mark = rest.requests.length;
    expect((await post(acme.agent2, call.customer, 'hold', { hold: true })).statusCode).toBe(200);
    expect(requestsSince(rest, mark)).toEqual([
      { method: 'POST', path: participant(A.accountSid, call.customer), form: HOLD },
    ]);
  });

  it('cancel drops the target and gives the customer back to the agent', async () => {
    const call = await answeredInbound(server, A, acme.agent.id);
    const target = { type: 'number', number: '+12125550188' };
    await post(acme.agent, call.customer, 'transfer', { mode: 'warm', target });
    await joined(server, A, call.callId, call.customer);
    const targetSid = lastCreatedSid();
    expect(rest.requests.at(-1)!.form).toMatchObject({ From: '+14155550100', To: '+12125550188' });
    mark = rest.requests.length;
    const cancelled = await post(acme.agent, call.customer, 'transfer/cancel');
    expect(cancelled.json()).toEqual({
      callSid: call.customer,
      onHold: false,
      transfer: { mode: 'warm', target, state: 'cancelled' },
    });
    expect(requestsSince(rest, mark)).toEqual([
      { method: 'DELETE', path: participant(A.accountSid, targetSid), form: {} },
      { method: 'POST', path: participant(A.accountSid, call.customer), form: { Hold: 'false' } },
    ]);
    const record = (await as(server, acme.agent).get(`/calls/${call.callId}`)).json();
    expect(record.ownerId).toBe(acme.agent.id);
    expect((await post(acme.agent, call.customer, 'transfer/cancel')).statusCode).toBe(409);
  });
});

describe('cold transfer', () => {
  it('to a number from a plain outbound bridge: the agent’s leg ends, the customer waits for the target', async () => {
    const call = await answeredOutbound(server, A, acme.agent.id, '+12125550103', newId());
    mark = rest.requests.length;
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
    mark = rest.requests.length;
    await joined(server, A, call.callId, call.child);
    const targetSid = lastCreatedSid();
    expect(requestsSince(rest, mark)).toEqual([
      { method: 'POST', path: participant(A.accountSid, call.child), form: HOLD },
      targetRung(call.callId, { from: '+14155550100', to: '+12125550177', endOnExit: 'true' }),
    ]);
    mark = rest.requests.length;
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
    mark = rest.requests.length;
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
    mark = rest.requests.length;
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
    mark = rest.requests.length;
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
    mark = rest.requests.length;
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

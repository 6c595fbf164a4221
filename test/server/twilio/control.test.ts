import { describe, expect, it } from 'vitest';
import { newId } from '../../../src/shared/domain/ids';
import { voiceIdentityForUser } from '../../../src/shared/voice/protocol';
import { as } from '../helpers/server';
import {
  agentAfterDial,
  answeredInbound,
  answeredOutbound,
  joined,
  joinTwiml,
  legStatus,
  participant,
  redirected,
  requestsSince,
} from './control-helpers';
import {
  server,
  rest,
  acme,
  A,
  HOLD,
  targetRung,
  lastCreatedSid,
  mark,
  markNow,
  post,
  useControlServer,
} from './control-setup';
import { PUBLIC_URL, twilioPost } from './webhook-client';

useControlServer();

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
    markNow();
    await joined(server, A, call.callId, call.client);
    expect(requestsSince(rest, mark)).toEqual([]);
    await joined(server, A, call.callId, call.customer);
    expect(requestsSince(rest, mark)).toEqual([
      { method: 'POST', path: participant(A.accountSid, call.customer), form: HOLD },
    ]);

    markNow();
    const resumed = await post(acme.agent, call.customer, 'hold', { hold: false });
    expect(resumed.json()).toEqual({ callSid: call.customer, onHold: false, transfer: null });
    expect(requestsSince(rest, mark)).toEqual([
      { method: 'POST', path: participant(A.accountSid, call.customer), form: { Hold: 'false' } },
    ]);
    markNow();
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
    markNow();
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
    markNow();
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
    markNow();
    await joined(server, A, call.callId, call.customer);
    expect(requestsSince(rest, mark).filter((r) => r.path.endsWith('Participants.json'))).toEqual([]);
    // The customer cannot be taken off hold in the middle of the consultation.
    expect((await post(acme.agent, call.customer, 'hold', { hold: false })).statusCode).toBe(409);

    markNow();
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
    markNow();
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
    markNow();
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

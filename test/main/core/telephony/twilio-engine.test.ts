import { describe, expect, it } from 'vitest';
import { createTwilioCall } from '../../../../src/main/core/telephony/twilio-call';
import type { EngineCall } from '../../../../src/main/core/telephony/voice-engine';
import { engineHarness } from './voice-host-harness';

async function registered() {
  const h = engineHarness();
  h.openPage();
  h.report({ type: 'hello' });
  await h.engine.register();
  h.report({ type: 'registration', state: 'registering' });
  h.report({ type: 'registration', state: 'registered' });
  return h;
}

function incoming(h: Awaited<ReturnType<typeof registered>>, ref = 'in-1') {
  h.report({
    type: 'incoming',
    call: {
      ref,
      callSid: 'CA_child',
      direction: 'incoming',
      parameters: { CallSid: 'CA_child', From: '+14155550123', To: 'client:agent_1' },
      customParameters: { ParentCallSid: 'CA_parent', MatchName: 'Ada Lovelace' },
    },
  });
  const event = h.events.find((e) => e.type === 'incoming');
  if (event?.type !== 'incoming') throw new Error('no incoming call');
  return event.call;
}

describe('TwilioEngine: the core side of the voice host', () => {
  it('sets the Device up with a server token and the company edge, and follows its registration', async () => {
    const h = await registered();
    const [setup] = h.ofType('setup');
    expect(setup!.setup).toEqual({
      token: 'token-1',
      edge: 'dublin',
      publishInsights: false,
      signalingHost: 'fake-twilio.test',
      tokenRefreshMs: 30_000,
    });
    expect(h.engine.registrationState()).toBe('registered');
    expect(h.events.filter((e) => e.type === 'registration').map((e) => e.type === 'registration' && e.state)).toEqual([
      'registering',
      'registered',
    ]);
  });

  it('refuses a malformed message from the page and changes nothing', async () => {
    const h = await registered();
    const before = h.events.length;
    h.report({ type: 'registration', state: 'sleeping' });
    h.report({ type: 'incoming', call: { ref: 'x' } });
    h.page().receive('not json');
    expect(h.link.refused()).toBe(3);
    expect(h.events).toHaveLength(before);
    expect(h.engine.registrationState()).toBe('registered');
  });

  it('hands an incoming call to the controller with its parameters, and forwards what the agent does', async () => {
    const h = await registered();
    const call = incoming(h);
    expect(call.info()).toMatchObject({
      id: 'in-1',
      // The customer's leg names the call (the agent's CallSid is the child leg).
      callSid: 'CA_parent',
      direction: 'incoming',
      from: '+14155550123',
      customParameters: { ParentCallSid: 'CA_parent', MatchName: 'Ada Lovelace' },
    });
    // No CrmCallId: the desktop makes a record of its own.
    expect(call.info().recordId).toBeUndefined();
    const seen: string[] = [];
    call.on((e) => seen.push(e.type));
    call.accept();
    call.mute(true);
    call.sendDigits('12#');
    expect(() => call.sendDigits('12a')).toThrow();
    expect(h.commands.slice(-3)).toEqual([
      { type: 'accept', ref: 'in-1' },
      { type: 'mute', ref: 'in-1', muted: true },
      { type: 'sendDigits', ref: 'in-1', digits: '12#' },
    ]);
    h.report({ type: 'call', ref: 'in-1', callSid: 'CA_child', event: { type: 'accept' } });
    h.report({ type: 'call', ref: 'in-1', callSid: 'CA_child', event: { type: 'warning', name: 'high-rtt' } });
    h.report({ type: 'call', ref: 'in-1', callSid: 'CA_child', event: { type: 'disconnect' } });
    expect(seen).toEqual(['accept', 'warning', 'disconnect']);
  });

  it('names the server’s record of an incoming call (CrmCallId) so the desktop logs it under the same id', async () => {
    const h = await registered();
    h.report({
      type: 'incoming',
      call: {
        ref: 'in-9',
        callSid: 'CA_child',
        direction: 'incoming',
        parameters: { CallSid: 'CA_child', From: '+14155550123', To: 'client:agent_1' },
        customParameters: { ParentCallSid: 'CA_parent', CrmCallId: '0190a1b2-0000-7000-8000-0000000000c1' },
      },
    });
    const event = h.events.find((e) => e.type === 'incoming');
    expect(event?.type === 'incoming' && event.call.info().recordId).toBe('0190a1b2-0000-7000-8000-0000000000c1');
  });

  it('places an outgoing call with To and the call record id as CrmCallId, learning its CallSid on ringing', async () => {
    const h = await registered();
    const call = await h.engine.connect({ to: '+14155550199', params: { callId: 'rec-1' } });
    expect(h.ofType('connect')[0]).toEqual({
      type: 'connect',
      ref: call.info().id,
      params: { To: '+14155550199', CrmCallId: 'rec-1' },
    });
    expect(call.info().callSid).toBeNull();
    const seen: unknown[] = [];
    call.on((e) => seen.push({ ...e, sid: call.info().callSid }));
    h.report({
      type: 'call',
      ref: call.info().id,
      callSid: 'CA_out_1',
      event: { type: 'ringing', hasEarlyMedia: false },
    });
    expect(seen).toEqual([{ type: 'ringing', hasEarlyMedia: false, sid: 'CA_out_1' }]);
  });

  it('warms the microphone for a call about to be placed, only on a registered line with no call up', async () => {
    const h = engineHarness();
    h.openPage();
    h.engine.prepareCall?.();
    expect(h.ofType('warmMicrophone')).toHaveLength(0);
    await h.engine.register();
    h.report({ type: 'registration', state: 'registered' });
    h.engine.prepareCall?.();
    expect(h.ofType('warmMicrophone')).toHaveLength(1);
    await h.engine.connect({ to: '+14155550199', params: { callId: 'rec-1' } });
    h.engine.prepareCall?.();
    expect(h.ofType('warmMicrophone')).toHaveLength(1);
  });

  it('ends an outgoing call whose connect() failed in the host with the error first', async () => {
    const h = await registered();
    const call = await h.engine.connect({ to: '+14155550199' });
    const seen: unknown[] = [];
    call.on((e) => seen.push(e));
    h.report({ type: 'connectFailed', ref: call.info().id, error: { code: 31401, message: 'Permission denied' } });
    expect(seen).toEqual([
      { type: 'error', error: { code: 31401, message: 'Permission denied' } },
      { type: 'disconnect' },
    ]);
  });

  it('cannot place a call with no voice host running', async () => {
    const h = engineHarness();
    await expect(h.engine.connect({ to: '+14155550199' })).rejects.toMatchObject({ code: 31005 });
  });

  it('refreshes the token on its own timer before it expires, and on tokenWillExpire', async () => {
    const h = engineHarness();
    h.tokenReplies.push({ ok: true, token: 'short', expiresAtMs: h.scheduler.now() + 100_000 });
    h.openPage();
    await h.engine.register();
    expect(h.engine.status().tokenExpiresAt).toBe(h.scheduler.now() + 100_000);
    // A fifth of the lifetime before expiry (20 s): at 80 s.
    await h.advance(79_000);
    expect(h.ofType('updateToken').map((c) => c.token)).toEqual(['short']);
    await h.advance(1_000);
    expect(h.ofType('updateToken').map((c) => c.token)).toEqual(['short', 'token-1']);
    h.report({ type: 'tokenWillExpire' });
    await h.flush();
    expect(h.ofType('updateToken').map((c) => c.token)).toEqual(['short', 'token-1', 'token-2']);
  });

  it('reports a refused token in words and retries with back-off until one comes', async () => {
    const h = engineHarness();
    h.tokenReplies.push({ ok: false, refused: true, message: 'Phone access is turned off for you.' });
    h.openPage();
    await h.engine.register();
    expect(h.ofType('setup')).toHaveLength(0);
    expect(h.events).toContainEqual({
      type: 'error',
      error: { code: 20101, message: 'The CRM server refused a phone line token: Phone access is turned off for you.' },
    });
    expect(h.engine.status().tokenProblem).toMatch(/refused/);
    await h.advance(1_000); // back-off: half of the first ceiling (1 s) is the floor of 1 s
    expect(h.engine.status().tokenProblem).toBeNull();
    expect(h.ofType('updateToken').map((c) => c.token)).toEqual(['token-1']);
  });

  it('re-creates the Device when registering hangs past its bound', async () => {
    const h = await (async () => {
      const h = engineHarness({ registerTimeoutMs: 5_000 });
      h.openPage();
      await h.engine.register();
      h.report({ type: 'registration', state: 'registering' });
      return h;
    })();
    expect(h.ofType('setup')).toHaveLength(1);
    await h.advance(5_000); // the bound
    await h.advance(1_000); // back-off of attempt 1 (0.5 × 1 s, floor 250 ms)
    expect(h.ofType('setup')).toHaveLength(2);
    expect(h.engine.status()).toMatchObject({ reRegistrations: 1, lastReRegistrationAt: expect.any(Number) });
    h.report({ type: 'registration', state: 'registered' });
    await h.advance(60_000);
    expect(h.ofType('setup')).toHaveLength(2);
  });

  it('re-registers when the registration is lost while the agent wants calls, not after unregister()', async () => {
    const h = await registered();
    h.report({ type: 'registration', state: 'unregistered' });
    await h.advance(1_000);
    expect(h.ofType('setup')).toHaveLength(2);
    h.report({ type: 'registration', state: 'registered' });
    await h.engine.unregister();
    h.report({ type: 'registration', state: 'unregistered' });
    await h.advance(60_000);
    expect(h.ofType('setup')).toHaveLength(2);
    expect(h.ofType('unregister')).toHaveLength(1);
  });

  it('never re-creates the Device under a live call: a signaling drop unregisters it while the SDK reconnects', async () => {
    const h = await registered();
    const call = incoming(h);
    call.accept();
    h.report({ type: 'call', ref: 'in-1', callSid: 'CA_child', event: { type: 'accept' } });
    h.report({ type: 'registration', state: 'unregistered' });
    await h.advance(60_000);
    expect(h.ofType('setup')).toHaveLength(1);
    h.report({ type: 'call', ref: 'in-1', callSid: 'CA_child', event: { type: 'disconnect' } });
    await h.advance(25_000);
    expect(h.ofType('setup')).toHaveLength(2);
  });

  it('ends the calls of a voice host that went away, with an error first, and sets up the new one', async () => {
    const h = await registered();
    const call: EngineCall = incoming(h);
    const seen: string[] = [];
    call.on((e) => seen.push(e.type === 'error' ? `error ${e.error.code}` : e.type));
    h.page().detach();
    expect(seen).toEqual(['error 53000', 'disconnect']);
    expect(h.engine.registrationState()).toBe('unregistered');
    h.openPage();
    h.report({ type: 'hello' });
    await h.flush();
    expect(h.ofType('setup')).toHaveLength(2);
  });

  it('starts over after the machine wakes: a fresh token and a new Device', async () => {
    const h = await registered();
    h.engine.systemResumed();
    await h.flush();
    await h.flush();
    expect(h.ofType('setup').map((c) => c.setup.token)).toEqual(['token-1', 'token-2']);
    expect(h.engine.status().reRegistrations).toBe(1);
  });

  it('remembers the quality warnings of the last call, and a refused microphone until a call gets audio', async () => {
    const h = await registered();
    incoming(h);
    const report = (event: object) => h.report({ type: 'call', ref: 'in-1', callSid: 'CA_child', event });
    report({ type: 'accept' });
    report({ type: 'warning', name: 'high-jitter' });
    report({ type: 'warning-cleared', name: 'high-jitter' });
    report({ type: 'warning', name: 'low-mos' });
    expect(h.engine.status().lastCallWarnings).toEqual([]);
    report({ type: 'disconnect' });
    expect(h.engine.status().lastCallWarnings).toEqual(['high-jitter', 'low-mos']);

    const out = await h.engine.connect({ to: '+14155550199' });
    h.report({
      type: 'call',
      ref: out.info().id,
      callSid: null,
      event: { type: 'error', error: { code: 31401, message: 'denied' } },
    });
    h.report({ type: 'call', ref: out.info().id, callSid: null, event: { type: 'disconnect' } });
    expect(h.engine.status().microphoneError).toEqual({ code: 31401, message: 'denied' });
    incoming(h, 'in-2');
    h.report({ type: 'call', ref: 'in-2', callSid: 'CA_child', event: { type: 'accept' } });
    expect(h.engine.status().microphoneError).toBeNull();
  });

  it('asks the CRM server to hold the customer and reports it as a hold event', async () => {
    const h = await registered();
    const call = incoming(h);
    const seen: unknown[] = [];
    call.on((e) => seen.push(e));
    await call.hold();
    expect(h.holds).toEqual([{ callSid: 'CA_parent', hold: true }]);
    expect(seen).toEqual([{ type: 'hold', isOnHold: true }]);
  });
});

describe('transfer on the Twilio line', () => {
  it('asks the CRM server (warm, then complete) and reports what it answers', async () => {
    const h = await registered();
    const call = incoming(h);
    const seen: unknown[] = [];
    call.on((e) => seen.push(e));
    const target = { type: 'agent' as const, userId: 'u2' };
    h.controlReplies.push(
      { callSid: 'CA_parent', onHold: true, transfer: { mode: 'warm', target, state: 'consulting' } },
      { callSid: 'CA_parent', onHold: false, transfer: { mode: 'warm', target, state: 'completed' } },
    );
    await call.transfer({ mode: 'warm', target });
    await call.completeTransfer();
    expect(h.controls).toEqual([
      { callSid: 'CA_parent', command: { action: 'transfer', request: { mode: 'warm', target } } },
      { callSid: 'CA_parent', command: { action: 'complete' } },
    ]);
    expect(seen).toEqual([
      { type: 'hold', isOnHold: true },
      { type: 'transfer', transfer: { mode: 'warm', target, state: 'consulting' } },
      { type: 'hold', isOnHold: false },
      { type: 'transfer', transfer: { mode: 'warm', target, state: 'completed' } },
    ]);
  });

  it('a refusal from the server reaches the caller and changes nothing', async () => {
    const failing = createTwilioCall(
      { ref: 'x', callSid: 'CA_x', direction: 'incoming', parameters: {}, customParameters: {} },
      {
        send: () => true,
        control: async () => {
          throw new Error('Only the agent on the call can hold or transfer it.');
        },
      },
    );
    const seen: unknown[] = [];
    failing.on((e) => seen.push(e));
    await expect(failing.cancelTransfer()).rejects.toThrow(/Only the agent on the call/);
    expect(seen).toEqual([]);
  });
});

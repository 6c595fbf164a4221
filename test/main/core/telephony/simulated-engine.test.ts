import { describe, expect, it } from 'vitest';
import { createManualScheduler } from '../../../../src/main/core/telephony/scheduler';
import { createSimulatedEngine } from '../../../../src/main/core/telephony/simulated-engine';
import type { CallEvent, EngineCall, EngineEvent } from '../../../../src/main/core/telephony/voice-engine';
import { describeEngineError, unansweredOutcomeOf } from '../../../../src/main/core/telephony/errors';

async function setup(options: Partial<Parameters<typeof createSimulatedEngine>[0]> = {}) {
  const scheduler = createManualScheduler();
  const engine = createSimulatedEngine({ scheduler, ...options });
  const engineEvents: EngineEvent[] = [];
  engine.on((event) => engineEvents.push(event));
  await engine.register();
  return { scheduler, engine, engineEvents };
}

function record(call: EngineCall): CallEvent[] {
  const events: CallEvent[] = [];
  call.on((event) => events.push(event));
  return events;
}

describe('simulated engine: registration', () => {
  it('goes unregistered → registering → registered, and back', async () => {
    const { engine, engineEvents } = await setup();
    expect(engine.registrationState()).toBe('registered');
    await engine.unregister();
    expect(engineEvents.filter((e) => e.type === 'registration').map((e) => (e as { state: string }).state)).toEqual([
      'registering',
      'registered',
      'unregistered',
    ]);
  });

  it('delivers no inbound call while unregistered', async () => {
    const { engine } = await setup();
    await engine.unregister();
    expect(engine.injectInbound({ from: '+14155550123' })).toBeNull();
  });
});

describe('simulated engine: inbound', () => {
  it('offers a call with Twilio-style parameters and plain custom parameters', async () => {
    const { engine, engineEvents } = await setup();
    const call = engine.injectInbound({ from: '+14155550123', customParameters: { queue: 'sales' } })!;
    const offered = engineEvents.find((e) => e.type === 'incoming');
    expect(offered && offered.type === 'incoming' && offered.call).toBe(call);
    const info = call.info();
    expect(info.direction).toBe('incoming');
    expect(info.callSid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(info.parameters).toMatchObject({ CallSid: info.callSid, From: '+14155550123', To: 'client:agent' });
    expect(info.customParameters).toEqual({ queue: 'sales' });
  });

  it('accept, mute, hold, digits and disconnect emit and are logged', async () => {
    const { engine } = await setup();
    const call = engine.injectInbound({ from: '+14155550123' })!;
    const events = record(call);
    call.accept();
    call.mute(true);
    call.mute(true); // no change, no event (as the SDK)
    await call.hold();
    await call.resume();
    call.sendDigits('12#');
    call.disconnect();
    expect(events.map((e) => e.type)).toEqual(['accept', 'mute', 'hold', 'hold', 'disconnect']);
    expect(engine.log().map((e) => `${e.action}${e.detail ? `:${e.detail}` : ''}`)).toEqual([
      'incoming:+14155550123',
      'accept',
      'mute:true',
      'hold',
      'resume',
      'digits:12#',
      'disconnect:local',
    ]);
    expect(engine.activeCalls()).toEqual([]);
  });

  it('refuses DTMF the SDK refuses', async () => {
    const { engine } = await setup();
    const call = engine.injectInbound({ from: '+14155550123' })!;
    call.accept();
    expect(() => call.sendDigits('12a')).toThrow(/Illegal character/);
  });

  it('disconnect does nothing on an unanswered call; reject tells, ignore is silent', async () => {
    const { engine } = await setup();
    const first = engine.injectInbound({ from: '+14155550123' })!;
    const firstEvents = record(first);
    first.disconnect();
    expect(firstEvents).toEqual([]);
    first.reject();
    expect(firstEvents.map((e) => e.type)).toEqual(['reject']);
    const second = engine.injectInbound({ from: '+14155550124' })!;
    const secondEvents = record(second);
    second.ignore();
    expect(secondEvents).toEqual([]);
    expect(engine.log().at(-1)?.action).toBe('ignore');
  });

  it('the caller hanging up before an answer is a cancel; after, a disconnect', async () => {
    const { engine } = await setup();
    const unanswered = engine.injectInbound({ from: '+14155550123' })!;
    const events = record(unanswered);
    expect(engine.remoteHangup()).toBe(true);
    expect(events.map((e) => e.type)).toEqual(['cancel']);
    const answered = engine.injectInbound({ from: '+14155550123' })!;
    const answeredEvents = record(answered);
    answered.accept();
    engine.remoteHangup(answered.info().id);
    expect(answeredEvents.map((e) => e.type)).toEqual(['accept', 'disconnect']);
  });

  it('an unanswered call is withdrawn after the ring timeout', async () => {
    const { engine, scheduler } = await setup({ inboundTimeoutMs: 10_000 });
    const events = record(engine.injectInbound({ from: '+14155550123' })!);
    scheduler.advance(9_999);
    expect(events).toEqual([]);
    scheduler.advance(1);
    expect(events.map((e) => e.type)).toEqual(['cancel']);
  });

  it('a call injected with its own ring time rings that long instead', async () => {
    const { engine, scheduler } = await setup({ inboundTimeoutMs: 10_000 });
    const events = record(engine.injectInbound({ from: '+14155550123', ringMs: 60_000 })!);
    scheduler.advance(59_999);
    expect(events).toEqual([]);
    scheduler.advance(1);
    expect(events.map((e) => e.type)).toEqual(['cancel']);
  });
});

describe('simulated engine: outbound', () => {
  it('by default rings, learns its CallSid, then answers after about 2 s', async () => {
    const { engine, scheduler } = await setup();
    const call = await engine.connect({ to: '+14155550123', params: { callId: 'x' } });
    const events = record(call);
    expect(call.info().callSid).toBeNull();
    scheduler.advance(250);
    expect(events).toEqual([{ type: 'ringing', hasEarlyMedia: false }]);
    expect(call.info().callSid).toMatch(/^CA/);
    scheduler.advance(1749);
    expect(events).toHaveLength(1);
    scheduler.advance(1);
    expect(events.at(-1)).toEqual({ type: 'accept' });
  });

  it.each([
    ['busy', 31486],
    ['no-answer', 31480],
    ['declined', 31603],
    ['failed', 31005],
  ] as const)('a number scripted %s ends with error %i then disconnect', async (outcome, code) => {
    const { engine, scheduler } = await setup();
    engine.scriptNumber('+14155550123', { outcome, afterMs: 5000 });
    const events = record(await engine.connect({ to: '+14155550123' }));
    scheduler.advance(5000);
    expect(events.slice(-2)).toEqual([
      { type: 'error', error: { code, message: expect.any(String) } },
      { type: 'disconnect' },
    ]);
    // A failed connection never reaches the far end, so it never rings.
    expect(events.some((e) => e.type === 'ringing')).toBe(outcome !== 'failed');
  });

  it('a per-number script stays; a queued script is used once, in order', async () => {
    const { engine, scheduler } = await setup();
    engine.queueOutbound({ outcome: 'busy', afterMs: 100 });
    engine.queueOutbound({ outcome: 'no-answer', afterMs: 100 });
    const outcomes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const events = record(await engine.connect({ to: '+14155550199' }));
      scheduler.advance(3000);
      const error = events.find((e) => e.type === 'error');
      outcomes.push(error && error.type === 'error' ? unansweredOutcomeOf(error.error) : 'answered');
    }
    expect(outcomes).toEqual(['busy', 'no-answer', 'answered']);
  });

  it('the agent hanging up while it rings cancels the scripted answer', async () => {
    const { engine, scheduler } = await setup();
    const call = await engine.connect({ to: '+14155550123' });
    const events = record(call);
    scheduler.advance(500);
    call.disconnect();
    scheduler.advance(5000);
    expect(events.map((e) => e.type)).toEqual(['ringing', 'disconnect']);
    expect(scheduler.pending()).toBe(0);
  });
});

describe('telephony errors in plain words', () => {
  it('explains the codes agents meet and keeps the message for unknown ones', () => {
    expect(describeEngineError({ code: 31486, message: 'Busy Here' })).toBe('The line is busy.');
    expect(describeEngineError({ code: 31401, message: '' })).toMatch(/microphone/);
    expect(describeEngineError({ code: 99999, message: 'odd' })).toMatch(/99999.*odd/);
  });
});

import { describe, expect, it } from 'vitest';
import type { LinePhase, ScreenPop } from '../../../../src/shared/api/line';
import {
  idleLine,
  publicCall,
  reduceLine,
  type LineEvent,
  type LineEventType,
  type LineMachineState,
} from '../../../../src/main/core/calls/line-machine';

const t0 = '2026-03-02T14:00:00.000Z';
const t1 = '2026-03-02T14:00:05.000Z';
const t2 = '2026-03-02T14:01:05.000Z';

const pop: ScreenPop = {
  number: '+14155550123',
  numberDisplay: '+1 415 555 0123',
  numberLocalTime: null,
  matches: [
    {
      type: 'contact',
      id: 'c1',
      name: 'Ada Lovelace',
      title: 'CTO',
      account: { id: 'a1', name: 'Analytical' },
      tags: [],
      doNotContact: false,
      doNotContactReason: null,
      phoneKind: 'work',
      localTime: null,
      recentCalls: [],
      openTasks: [],
      customer: null,
    },
    {
      type: 'lead',
      id: 'l1',
      name: 'Ada L.',
      title: '',
      account: null,
      tags: [],
      doNotContact: false,
      doNotContactReason: null,
      phoneKind: 'mobile',
      localTime: null,
      recentCalls: [],
      openTasks: [],
      customer: null,
    },
  ],
};

const incoming: LineEvent = {
  type: 'incoming',
  callId: 'call-in',
  engineCallId: 'sim-1',
  number: '+14155550123',
  numberDisplay: '+1 415 555 0123',
  subject: 'Inbound call',
  providerCallId: 'CA1',
  pop,
  at: t0,
};
const dial: LineEvent = {
  type: 'dial',
  callId: 'call-out',
  number: '+14155550123',
  numberDisplay: '+1 415 555 0123',
  subject: 'Call',
  pop,
  at: t0,
};

/** One sample of every event type. */
const samples: Record<LineEventType, LineEvent> = {
  incoming,
  dial,
  'dial-attached': { type: 'dial-attached', engineCallId: 'sim-2' },
  'dial-failed': { type: 'dial-failed', error: { code: 31005, message: 'x' }, at: t1 },
  ringing: { type: 'ringing', providerCallId: 'CA2' },
  accept: { type: 'accept', providerCallId: null, at: t1 },
  cancel: { type: 'cancel', at: t1 },
  reject: { type: 'reject', at: t1 },
  disconnect: { type: 'disconnect', at: t2 },
  'hangup-requested': { type: 'hangup-requested' },
  mute: { type: 'mute', isMuted: true },
  hold: { type: 'hold', isOnHold: true },
  'transfer-target': { type: 'transfer-target', targetName: 'Lucas Meyer' },
  transfer: {
    type: 'transfer',
    transfer: { mode: 'warm', target: { type: 'agent', userId: 'u2' }, state: 'consulting' },
  },
  digits: { type: 'digits', digits: '12#' },
  reconnecting: { type: 'reconnecting', error: { code: 53405, message: 'ice' } },
  reconnected: { type: 'reconnected' },
  warning: { type: 'warning', name: 'high-rtt' },
  'warning-cleared': { type: 'warning-cleared', name: 'high-rtt' },
  error: { type: 'error', error: { code: 31486, message: 'Busy Here' } },
  quality: { type: 'quality', summary: { averageMos: 4.3, worstJitterMs: 12, packetLossPercent: 0.5 } },
  'choose-match': { type: 'choose-match', match: { type: 'lead', id: 'l1' } },
  'pop-refreshed': { type: 'pop-refreshed', pop },
  'restore-wrapup': {
    type: 'restore-wrapup',
    call: { ...stateIn('wrap-up').call!, callId: 'restored' },
    draft: { ...stateIn('wrap-up').draft!, callId: 'restored' },
  },
  notes: { type: 'notes', notes: 'Wants the Q3 numbers' },
  'draft-saved': { type: 'draft-saved', draft: { ...stateIn('wrap-up').draft!, outcomeText: 'Sent the quote' } },
  'wrapup-done': { type: 'wrapup-done' },
};

function run(events: LineEvent[], from: LineMachineState = idleLine): LineMachineState {
  return events.reduce((state, event) => reduceLine(state, event).state, from);
}

/** A reachable state in each phase, built through the reducer itself. */
function stateIn(phase: LinePhase): LineMachineState {
  switch (phase) {
    case 'idle':
      return idleLine;
    case 'ringing-in':
      return run([incoming]);
    case 'dialing':
      return run([dial]);
    case 'ringing-out':
      return run([dial, { type: 'ringing', providerCallId: 'CA2' }]);
    case 'in-progress':
      return run([incoming, { type: 'accept', providerCallId: null, at: t1 }]);
    case 'on-hold':
      return run([incoming, { type: 'accept', providerCallId: null, at: t1 }, { type: 'hold', isOnHold: true }]);
    case 'wrap-up':
      return run([incoming, { type: 'accept', providerCallId: null, at: t1 }, { type: 'disconnect', at: t2 }]);
  }
}

const phases: LinePhase[] = ['idle', 'ringing-in', 'dialing', 'ringing-out', 'in-progress', 'on-hold', 'wrap-up'];

/**
 * The whole transition table: the phase each event leads to from each phase. `=` means
 * the phase stays. Every cell is listed, so a new phase or event fails this test until
 * someone decides what it does.
 */
// prettier-ignore
const table: Record<LinePhase, Record<LineEventType, LinePhase | '='>> = {
  idle: {
    incoming: 'ringing-in', dial: 'dialing', 'dial-attached': '=', 'dial-failed': '=', ringing: '=', accept: '=',
    cancel: '=', reject: '=', disconnect: '=', 'hangup-requested': '=', mute: '=', hold: '=', 'transfer-target': '=', transfer: '=', digits: '=',
    reconnecting: '=', reconnected: '=', warning: '=', 'warning-cleared': '=', error: '=', quality: '=', 'choose-match': '=', 'pop-refreshed': '=',
    'restore-wrapup': 'wrap-up', 'wrapup-done': '=', notes: '=', 'draft-saved': '=',
  },
  'ringing-in': {
    incoming: '=', dial: '=', 'dial-attached': '=', 'dial-failed': '=', ringing: '=', accept: 'in-progress',
    cancel: 'idle', reject: 'idle', disconnect: 'idle', 'hangup-requested': '=', mute: '=', hold: '=', 'transfer-target': '=', transfer: '=',
    digits: '=', reconnecting: '=', reconnected: '=', warning: '=', 'warning-cleared': '=', error: '=', quality: '=',
    'choose-match': '=', 'pop-refreshed': '=', 'restore-wrapup': '=', 'wrapup-done': '=', notes: '=', 'draft-saved': '=',
  },
  dialing: {
    incoming: '=', dial: '=', 'dial-attached': '=', 'dial-failed': 'wrap-up', ringing: 'ringing-out',
    accept: 'in-progress', cancel: '=', reject: '=', disconnect: 'wrap-up', 'hangup-requested': '=', mute: '=',
    hold: '=', 'transfer-target': '=', transfer: '=', digits: '=', reconnecting: '=', reconnected: '=', warning: '=', 'warning-cleared': '=', error: '=', quality: '=',
    'choose-match': '=', 'pop-refreshed': '=', 'restore-wrapup': '=', 'wrapup-done': '=', notes: '=', 'draft-saved': '=',
  },
  'ringing-out': {
    incoming: '=', dial: '=', 'dial-attached': '=', 'dial-failed': '=', ringing: '=', accept: 'in-progress',
    cancel: '=', reject: '=', disconnect: 'wrap-up', 'hangup-requested': '=', mute: '=', hold: '=', 'transfer-target': '=', transfer: '=', digits: '=',
    reconnecting: '=', reconnected: '=', warning: '=', 'warning-cleared': '=', error: '=', quality: '=', 'choose-match': '=', 'pop-refreshed': '=',
    'restore-wrapup': '=', 'wrapup-done': '=', notes: '=', 'draft-saved': '=',
  },
  'in-progress': {
    incoming: '=', dial: '=', 'dial-attached': '=', 'dial-failed': '=', ringing: '=', accept: '=', cancel: '=',
    reject: '=', disconnect: 'wrap-up', 'hangup-requested': '=', mute: '=', hold: 'on-hold', 'transfer-target': '=', transfer: '=', digits: '=',
    reconnecting: '=', reconnected: '=', warning: '=', 'warning-cleared': '=', error: '=', quality: '=', 'choose-match': '=', 'pop-refreshed': '=',
    'restore-wrapup': '=', 'wrapup-done': '=', notes: '=', 'draft-saved': '=',
  },
  'on-hold': {
    incoming: '=', dial: '=', 'dial-attached': '=', 'dial-failed': '=', ringing: '=', accept: '=', cancel: '=',
    reject: '=', disconnect: 'wrap-up', 'hangup-requested': '=', mute: '=', hold: '=', 'transfer-target': '=', transfer: '=', digits: '=',
    reconnecting: '=', reconnected: '=', warning: '=', 'warning-cleared': '=', error: '=', quality: '=', 'choose-match': '=', 'pop-refreshed': '=',
    'restore-wrapup': '=', 'wrapup-done': '=', notes: '=', 'draft-saved': '=',
  },
  'wrap-up': {
    incoming: '=', dial: '=', 'dial-attached': '=', 'dial-failed': '=', ringing: '=', accept: '=', cancel: '=',
    reject: '=', disconnect: '=', 'hangup-requested': '=', mute: '=', hold: '=', 'transfer-target': '=', transfer: '=', digits: '=', reconnecting: '=',
    reconnected: '=', warning: '=', 'warning-cleared': '=', error: '=', quality: '=', 'choose-match': '=', 'pop-refreshed': '=', 'restore-wrapup': '=',
    'wrapup-done': 'idle', notes: '=', 'draft-saved': '=',
  },
};

describe('reduceLine transition table', () => {
  for (const phase of phases) {
    for (const type of Object.keys(samples) as LineEventType[]) {
      const expected = table[phase][type];
      it(`${phase} + ${type} → ${expected === '=' ? phase : expected}`, () => {
        const before = stateIn(phase);
        expect(before.phase).toBe(phase);
        const { state, effects } = reduceLine(before, samples[type]);
        expect(state.phase).toBe(expected === '=' ? phase : expected);
        // Only a move into wrap-up from a live call writes the end and asks for a wrap-up;
        // a ringing inbound call that ends unanswered writes its end and is a missed call
        // (no wrap-up); only accept writes the start.
        const wrapsUp = expected === 'wrap-up' && phase !== 'idle';
        const missed = phase === 'ringing-in' && expected === 'idle';
        expect(effects.some((e) => e.type === 'record-ended')).toBe(wrapsUp || missed);
        expect(effects.some((e) => e.type === 'wrapup-required')).toBe(wrapsUp);
        expect(effects.some((e) => e.type === 'missed-call')).toBe(missed);
        expect(effects.some((e) => e.type === 'record-answered')).toBe(type === 'accept' && expected === 'in-progress');
      });
    }
  }
});

function endOf(events: LineEvent[]) {
  let state = idleLine;
  const effects = [];
  for (const event of events) {
    const next = reduceLine(state, event);
    state = next.state;
    effects.push(...next.effects);
  }
  return { state, ended: effects.find((e) => e.type === 'record-ended') };
}

describe('reduceLine outcomes', () => {
  it('an answered call that disconnects is completed, with its answer time', () => {
    const { ended, state } = endOf([incoming, samples.accept, samples.disconnect]);
    expect(ended).toEqual({
      type: 'record-ended',
      callId: 'call-in',
      outcome: 'completed',
      answeredAt: t1,
      endedAt: t2,
      quality: null,
    });
    expect(state.call?.outcome).toBe('completed');
    expect(state.call?.endedAt).toBe(t2);
  });

  it('the quality summary the line reports before the end is what the ended record gets', () => {
    const summary = { averageMos: 4.1, worstJitterMs: 18.5, packetLossPercent: 1.25 };
    const { ended, state } = endOf([incoming, samples.accept, { type: 'quality', summary }, samples.disconnect]);
    expect(ended).toMatchObject({ type: 'record-ended', quality: summary });
    // The summary is the record's, not the live panel's: the snapshot never carries it.
    expect(publicCall(state.call)).not.toHaveProperty('quality');
  });

  it('a ringing inbound call the caller abandons is missed', () => {
    expect(endOf([incoming, samples.cancel]).ended).toMatchObject({ outcome: 'missed', answeredAt: null });
  });

  it('a ringing inbound call the agent rejects is rejected', () => {
    expect(endOf([incoming, samples.reject]).ended).toMatchObject({ outcome: 'rejected' });
  });

  it.each([
    [31486, 'busy'],
    [31603, 'busy'],
    [31480, 'no-answer'],
    [31005, 'failed'],
    [53405, 'failed'],
  ] as const)('an outgoing call ended by error %i is %s', (code, outcome) => {
    const events: LineEvent[] = [
      dial,
      samples.ringing,
      { type: 'error', error: { code, message: '' } },
      samples.disconnect,
    ];
    expect(endOf(events).ended).toMatchObject({ outcome });
  });

  it('an outgoing call the agent stops before an answer is canceled', () => {
    expect(endOf([dial, samples.ringing, samples['hangup-requested'], samples.disconnect]).ended).toMatchObject({
      outcome: 'canceled',
    });
  });

  it('an outgoing call that disconnects unanswered without an error failed', () => {
    expect(endOf([dial, samples.ringing, samples.disconnect]).ended).toMatchObject({ outcome: 'failed' });
  });

  it('an engine that refuses to dial ends the call as failed with the error shown', () => {
    const { state, ended } = endOf([dial, samples['dial-failed']]);
    expect(ended).toMatchObject({ outcome: 'failed' });
    expect(state.call?.lastError?.text).toMatch(/connection/i);
  });
});

describe('reduceLine call details', () => {
  it('tracks mute, hold, digits, warnings and reconnection', () => {
    const state = run([
      incoming,
      samples.accept,
      samples.mute,
      samples.digits,
      { type: 'digits', digits: '4' },
      samples.warning,
      samples.warning,
      samples.reconnecting,
      samples.hold,
    ]);
    expect(state.phase).toBe('on-hold');
    expect(state.call).toMatchObject({
      muted: true,
      held: true,
      digits: '12#4',
      warnings: ['high-rtt'],
      reconnecting: true,
    });
    const resumed = run([{ type: 'hold', isOnHold: false }, samples.reconnected, samples['warning-cleared']], state);
    expect(resumed.phase).toBe('in-progress');
    expect(resumed.call).toMatchObject({ held: false, reconnecting: false, warnings: [] });
  });

  it('with several matches none is chosen until the agent picks one that exists', () => {
    const ringing = run([incoming]);
    expect(ringing.call?.chosen).toBeNull();
    expect(run([{ type: 'choose-match', match: { type: 'contact', id: 'nope' } }], ringing).call?.chosen).toBeNull();
    expect(run([samples['choose-match']], ringing).call?.chosen).toEqual({ type: 'lead', id: 'l1' });
  });

  it('a refreshed pop keeps the agent’s choice while it still matches, else takes an only match', () => {
    const unknown = run([{ ...incoming, pop: { ...pop, matches: [] } } as LineEvent]);
    expect(unknown.call?.chosen).toBeNull();
    const created = run([{ type: 'pop-refreshed', pop: { ...pop, matches: pop.matches.slice(0, 1) } }], unknown);
    expect(created.call?.pop?.matches).toHaveLength(1);
    expect(created.call?.chosen).toEqual({ type: 'contact', id: 'c1' });
    const picked = run([samples['choose-match']], run([incoming]));
    expect(run([samples['pop-refreshed']], picked).call?.chosen).toEqual({ type: 'lead', id: 'l1' });
    const leadGone = { ...pop, matches: pop.matches.slice(0, 1) };
    expect(run([{ type: 'pop-refreshed', pop: leadGone }], picked).call?.chosen).toEqual({ type: 'contact', id: 'c1' });
  });

  it('with one match it is chosen at once', () => {
    const onlyOne = { ...pop, matches: pop.matches.slice(0, 1) };
    expect(run([{ ...incoming, pop: onlyOne } as LineEvent]).call?.chosen).toEqual({ type: 'contact', id: 'c1' });
  });

  it('an ended call clears mute, hold and warnings but keeps what was dialed', () => {
    const state = run([incoming, samples.accept, samples.mute, samples.digits, samples.warning, samples.disconnect]);
    expect(state.call).toMatchObject({ muted: false, held: false, warnings: [], digits: '12#' });
  });
});

describe('the wrap-up draft is part of the line state', () => {
  const accept: LineEvent = { type: 'accept', providerCallId: null, at: t1 };

  it('starts empty with the call, keeps the notes typed during it, and is prefilled by how it ended', () => {
    const ringing = run([incoming]);
    // Two matches: nothing is obvious yet, so the call is about nothing until the agent picks.
    expect(ringing.draft).toMatchObject({ callId: 'call-in', notes: '', related: null, dispositionCode: null });
    const picked = run([{ type: 'choose-match', match: { type: 'lead', id: 'l1' } }], ringing);
    expect(picked.draft!.related).toEqual({ type: 'lead', id: 'l1', name: 'Ada L.' });
    const ended = run([accept, { type: 'notes', notes: 'Wants the Q3 numbers' }, samples.disconnect], picked);
    expect(ended.phase).toBe('wrap-up');
    expect(ended.draft).toMatchObject({ status: 'Held', reason: null, notes: 'Wants the Q3 numbers' });
    expect(ended.call).toMatchObject({ outcome: 'completed', endedAt: t2 });
  });

  it('an outgoing call that did not connect is prefilled Not Held with the telephony reason', () => {
    const unanswered = run([dial, samples.ringing, samples.disconnect]);
    expect(unanswered.phase).toBe('wrap-up');
    expect(unanswered.draft).toMatchObject({ status: 'NotHeld', reason: expect.any(String) });
    expect(unanswered.draft!.reason).not.toBe('');
  });

  it('a missed inbound call leaves no draft: it asks for no wrap-up', () => {
    expect(run([incoming, samples.cancel])).toEqual(idleLine);
  });

  it('the agent’s edits replace the draft only during the wrap-up, and saving it clears it', () => {
    const edited = { ...stateIn('wrap-up').draft!, outcomeText: 'Sent the quote' };
    expect(run([{ type: 'draft-saved', draft: edited }], stateIn('in-progress')).draft!.outcomeText).toBe('');
    const saved = run([{ type: 'draft-saved', draft: edited }], stateIn('wrap-up'));
    expect(saved.draft).toEqual(edited);
    expect(run([{ type: 'wrapup-done' }], saved)).toEqual(idleLine);
  });

  it('an outgoing call is about what the agent dialed it for, with the match they dialed from', () => {
    const related = { type: 'account' as const, id: 'a1', name: 'Analytical' };
    const dialing = run([{ ...dial, related, chosen: { type: 'lead', id: 'l1' } } as LineEvent]);
    expect(dialing.draft!.related).toEqual(related);
    expect(dialing.call!.chosen).toEqual({ type: 'lead', id: 'l1' });
  });
});

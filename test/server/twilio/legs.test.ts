import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveOutcome, emptyLeg, foldLeg, instantOf, type LegEvent } from '../../../src/server/twilio/legs';

const at = (second: number) => new Date(Date.parse('2026-03-10T12:00:00.000Z') + second * 1000).toISOString();

const answered: LegEvent[] = [
  { status: 'initiated', sequence: 0, at: at(0), durationSeconds: null },
  { status: 'ringing', sequence: 1, at: at(1), durationSeconds: null },
  { status: 'in-progress', sequence: 2, at: at(8), durationSeconds: null },
  { status: 'completed', sequence: 3, at: at(98), durationSeconds: 90 },
];

describe('folding a leg’s status callbacks', () => {
  it('gives the same state for any order and any repetition of the same callbacks', () => {
    const inOrder = answered.reduce(foldLeg, emptyLeg());
    fc.assert(
      fc.property(
        fc.shuffledSubarray(answered, { minLength: answered.length, maxLength: answered.length }),
        fc.array(fc.constantFrom(...answered), { maxLength: 6 }),
        (order, repeats) => {
          expect([...order, ...repeats].reduce(foldLeg, emptyLeg())).toEqual(inOrder);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
    expect(inOrder).toMatchObject({ status: 'completed', answeredAt: at(8), endedAt: at(98), durationSeconds: 90 });
  });

  it('never goes back from a terminal status to ringing', () => {
    const ended = foldLeg(emptyLeg(), { status: 'busy', sequence: 2, at: at(30), durationSeconds: 0 });
    expect(foldLeg(ended, { status: 'ringing', sequence: 1, at: at(1), durationSeconds: null }).status).toBe('busy');
    // Even a ringing callback with a higher sequence number (it should not exist) does not reopen the leg.
    expect(foldLeg(ended, { status: 'ringing', sequence: 9, at: at(40), durationSeconds: null }).status).toBe('busy');
  });

  it('reads Twilio’s RFC 2822 Timestamp, and nothing from garbage', () => {
    expect(instantOf('Tue, 10 Mar 2026 12:00:08 +0000')).toBe('2026-03-10T12:00:08.000Z');
    expect(instantOf('not a time')).toBeNull();
    expect(instantOf(undefined)).toBeNull();
  });
});

describe('what the legs say about the CRM call', () => {
  const customer = (events: LegEvent[]) => ({
    callSid: 'CA2',
    role: 'customer' as const,
    userId: null,
    state: events.reduce(foldLeg, emptyLeg()),
  });

  it('an answered outbound call is Held with the customer leg’s times; its end alone is enough', () => {
    expect(deriveOutcome('Outbound', [customer(answered)])).toEqual({
      kind: 'held',
      actualStart: at(8),
      actualEnd: at(98),
      answeredBy: null,
    });
    expect(deriveOutcome('Outbound', [customer([answered[3]!])])).toMatchObject({ kind: 'held', actualStart: at(8) });
  });

  it('an outbound call that ended unanswered is Not Held with the reason', () => {
    const busy = customer([{ status: 'busy', sequence: 2, at: at(30), durationSeconds: 0 }]);
    expect(deriveOutcome('Outbound', [busy])).toEqual({
      kind: 'not-held',
      outcome: 'busy',
      reason: 'Line busy',
      at: at(30),
    });
  });

  it('an inbound call is not called missed while an agent it rang may still answer', () => {
    const caller = { ...customer([{ status: 'completed', sequence: 1, at: at(60), durationSeconds: 60 }]) };
    caller.state = { ...caller.state, rung: 2 };
    expect(deriveOutcome('Inbound', [caller]).kind).toBe('open');
    expect(deriveOutcome('Inbound', [{ ...caller, state: { ...caller.state, dial: 'unanswered' } }])).toMatchObject({
      kind: 'not-held',
      outcome: 'missed',
    });
  });
});

describe('a call passed on by a transfer', () => {
  const leg = (
    callSid: string,
    role: 'customer' | 'agent' | 'transfer',
    userId: string | null,
    events: LegEvent[],
  ) => ({
    callSid,
    role,
    userId,
    state: events.reduce(foldLeg, emptyLeg()),
  });
  const talk = (from: number, to: number): LegEvent[] => [
    { status: 'in-progress', sequence: 1, at: at(from), durationSeconds: null },
    { status: 'completed', sequence: 2, at: at(to), durationSeconds: to - from },
  ];
  const caller = leg('CA1', 'customer', null, talk(0, 300));
  const first = leg('CA2', 'agent', 'u1', talk(5, 60));

  it('stays open while the target still talks, then ends with the last leg that carried it', () => {
    const target = leg('CA9', 'transfer', 'u2', [talk(40, 300)[0]!]);
    expect(deriveOutcome('Inbound', [caller, first, target])).toEqual({
      kind: 'open',
      answeredBy: 'u1',
      answeredAt: at(5),
    });
    const ended = leg('CA9', 'transfer', 'u2', talk(40, 300));
    expect(deriveOutcome('Inbound', [caller, first, ended])).toEqual({
      kind: 'held',
      actualStart: at(5),
      actualEnd: at(300),
      answeredBy: 'u1',
    });
  });

  it('ignores a target that never answered, and is the same as before for a call never transferred', () => {
    const unanswered = leg('CA9', 'transfer', null, [
      { status: 'no-answer', sequence: 2, at: at(50), durationSeconds: 0 },
    ]);
    const plain = deriveOutcome('Inbound', [caller, first]);
    expect(deriveOutcome('Inbound', [caller, first, unanswered])).toEqual(plain);
    expect(plain).toEqual({ kind: 'held', actualStart: at(5), actualEnd: at(60), answeredBy: 'u1' });
  });
});

/**
 * The call status lifecycle.
 *
 * Where the cases come from: the spec (issue 2, item 4, "Shared domain rules"). Its two
 * scenarios are quoted verbatim below; the transition table is the one documented at the
 * top of src/shared/domain/lifecycle.ts, written out here by hand (not read from
 * `allowedTransitions`) so a change to the table has to change this test too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CallRecord, type CallStatus } from '../../../src/shared/domain/call';
import {
  allowedTransitions,
  createCall,
  durationSeconds,
  transition,
  type NewCall,
  type StatusChange,
} from '../../../src/shared/domain/lifecycle';

const STATUSES: readonly CallStatus[] = ['Planned', 'Held', 'NotHeld', 'Cancelled'];

/** from → to → legal? Held is final; Not Held can be corrected to Held or rescheduled. */
const LEGAL: Record<CallStatus, Record<CallStatus, boolean>> = {
  Planned: { Planned: false, Held: true, NotHeld: true, Cancelled: true },
  Held: { Planned: false, Held: false, NotHeld: false, Cancelled: false },
  NotHeld: { Planned: true, Held: true, NotHeld: false, Cancelled: false },
  Cancelled: { Planned: true, Held: false, NotHeld: false, Cancelled: false },
};

/** 2024-05-06 (a Monday) at the given UTC time, in the records' Instant format. */
const at = (hhmmss: string): string => `2024-05-06T${hhmmss.length === 5 ? `${hhmmss}:00` : hhmmss}.000Z`;

const base: NewCall = {
  id: '01900000-0000-7000-8000-000000000001',
  direction: 'Outbound',
  subject: 'Renewal check-in',
  plannedStart: { local: '2024-05-06T11:00', zone: 'Europe/Berlin', utc: at('09:00') },
  outcome: { dispositionCode: null, text: '' },
  participants: [{ kind: 'user', id: 'agent-1', role: 'organizer', name: 'Ada Agent' }],
  related: { type: 'contact', id: 'contact-1', name: 'Carl Customer' },
  ownerId: 'agent-1',
  teamId: null,
  fromNumber: '+14155550123',
  toNumber: '+442079460018',
  providerCallId: null,
  recordingUrl: null,
  isDemo: false,
};

/** A change that satisfies every status's requirements. */
function completeChange(to: CallStatus, when = at('10:00')): StatusChange {
  return { to, reason: 'Customer asked', actualStart: at('09:05'), actualEnd: at('09:23'), at: when, by: 'agent-1' };
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(`expected ok, got: ${result.error.message}`);
  return result.value;
}

function callIn(status: CallStatus): CallRecord {
  // Created after the call's 09:05–09:23: a Held call cannot be logged before it happened.
  return unwrap(createCall(base, completeChange(status, at('09:30'))));
}

describe('transitions: every pair of statuses', () => {
  for (const from of STATUSES) {
    for (const to of STATUSES) {
      const legal = LEGAL[from][to];
      it(`${from} → ${to} is ${legal ? 'allowed' : 'refused'}`, () => {
        const result = transition(callIn(from), completeChange(to));
        expect(result.ok).toBe(legal);
        if (!result.ok) {
          expect(result.error.code).toBe('illegal_transition');
          expect(result.error.message).toMatch(/^A call that is .+ cannot become .+\./);
        }
      });
    }
  }

  it('publishes the same table through allowedTransitions', () => {
    for (const from of STATUSES) {
      expect([...allowedTransitions(from)].sort()).toEqual(STATUSES.filter((to) => LEGAL[from][to]).sort());
    }
  });

  it('explains an illegal change with the labels an agent sees', () => {
    const result = transition(callIn('Cancelled'), completeChange('NotHeld'));
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'illegal_transition',
        message: 'A call that is Cancelled cannot become Not Held. It can become: Planned.',
      },
    });
    const final = transition(callIn('Held'), completeChange('Planned'));
    expect(final.ok ? '' : final.error.message).toBe(
      'A call that is Held cannot become Planned. A Held call cannot change status.',
    );
  });
});

describe('reasons: Not Held and Cancelled need one', () => {
  for (const to of ['NotHeld', 'Cancelled'] as const) {
    it.each([undefined, null, '', '   ', '\n\t '])(`refuses ${to} with reason %j`, (reason) => {
      const result = transition(callIn('Planned'), { ...completeChange(to), reason });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('reason_required');
        expect(result.error.message).toContain(to === 'NotHeld' ? 'Not Held' : 'Cancelled');
      }
    });

    it(`stores the trimmed reason for ${to}`, () => {
      const call = unwrap(
        transition(callIn('Planned'), { to, reason: '  Line busy \n', at: at('10:00'), by: 'agent-1' }),
      );
      expect(call.statusReason).toBe('Line busy');
      expect(call.history.at(-1)?.reason).toBe('Line busy');
    });
  }

  it('also refuses a record created Not Held without a reason', () => {
    expect(createCall(base, { to: 'NotHeld', reason: ' ', at: at('10:00'), by: 'agent-1' })).toMatchObject({
      ok: false,
      error: { code: 'reason_required' },
    });
  });

  it('clears the status reason when the call is rescheduled, but keeps it in the history', () => {
    const planned0 = unwrap(createCall(base, { to: 'Planned', at: at('08:00'), by: 'a' }));
    const notHeld = unwrap(transition(planned0, { to: 'NotHeld', reason: 'No answer', at: at('10:00'), by: 'a' }));
    const planned = unwrap(transition(notHeld, { to: 'Planned', reason: 'Try Tuesday', at: at('10:05'), by: 'a' }));
    expect(planned.statusReason).toBeNull();
    expect(planned.history.map((entry) => entry.reason)).toEqual([null, 'No answer', 'Try Tuesday']);
  });
});

describe('Held: actual start and end, derived duration', () => {
  it.each([
    [{ actualStart: null, actualEnd: at('09:23') }],
    [{ actualStart: at('09:05'), actualEnd: null }],
    [{ actualStart: undefined, actualEnd: undefined }],
  ])('refuses Held without both times: %j', (times) => {
    const result = transition(callIn('Planned'), { to: 'Held', ...times, at: at('10:00'), by: 'agent-1' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'actual_times_required', message: 'A held call needs the time it actually started and ended.' },
    });
  });

  it('refuses an end before the start', () => {
    const result = transition(callIn('Planned'), {
      ...completeChange('Held'),
      actualStart: at('09:23'),
      actualEnd: at('09:05'),
    });
    expect(result).toEqual({
      ok: false,
      error: { code: 'end_before_start', message: 'The call cannot end before it started.' },
    });
  });

  it('refuses an end before the start on Not Held too (ring times)', () => {
    const result = transition(callIn('Planned'), {
      ...completeChange('NotHeld'),
      actualStart: at('09:23'),
      actualEnd: at('09:05'),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'end_before_start' } });
  });

  it.each([
    ['actualStart', 'yesterday-ish'],
    ['actualEnd', '2024-05-06T25:00:00.000Z'],
    ['at', 'now'],
  ])('refuses an unreadable %s (%s) instead of storing NaN', (field, value) => {
    const result = transition(callIn('Planned'), { ...completeChange('Held'), [field]: value });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_time' } });
    expect(result.ok ? '' : result.error.message).toMatch(/is not a valid time\.$/);
  });

  it.each([
    [at('09:05'), at('09:05'), 0],
    [at('09:05:00'), '2024-05-06T09:05:00.999Z', 0],
    [at('09:05'), '2024-05-06T09:23:00.999Z', 1080],
    ['2024-05-06T09:05:00.500Z', '2024-05-06T09:05:01.499Z', 0],
    [at('23:59'), '2024-05-07T00:01:00.000Z', 120],
  ])('derives whole seconds, rounded down: %s → %s = %i s', (start, end, seconds) => {
    const call = unwrap(
      // Marked Held the day after, so even the call across midnight is in the past.
      transition(callIn('Planned'), {
        ...completeChange('Held', '2024-05-07T12:00:00.000Z'),
        actualStart: start,
        actualEnd: end,
      }),
    );
    expect(call.durationSeconds).toBe(seconds);
    expect(durationSeconds(start, end)).toBe(seconds);
  });

  it('never returns a negative or NaN duration from the helper', () => {
    expect(durationSeconds(at('09:23'), at('09:05'))).toBe(0);
    expect(durationSeconds('nonsense', at('09:05'))).toBe(0);
  });

  it('corrects Not Held to Held using the ring start already recorded', () => {
    const rang = unwrap(
      transition(callIn('Planned'), {
        to: 'NotHeld',
        reason: 'No answer',
        actualStart: at('09:05'),
        at: at('09:06'),
        by: 'system',
      }),
    );
    expect(rang).toMatchObject({ actualStart: at('09:05'), actualEnd: null, durationSeconds: null });
    const held = unwrap(transition(rang, { to: 'Held', actualEnd: at('09:10'), at: at('09:11'), by: 'agent-1' }));
    expect(held).toMatchObject({ status: 'Held', statusReason: null, durationSeconds: 300 });
  });
});

describe('history: every change appends from, to, reason, at, by', () => {
  it('records creation and each accepted change, and leaves the record alone on a refused one', () => {
    const created = unwrap(createCall(base, { to: 'Planned', at: at('08:00'), by: 'agent-1' }));
    expect(created.history).toEqual([{ from: null, to: 'Planned', reason: null, at: at('08:00'), by: 'agent-1' }]);
    expect(created).toMatchObject({ createdAt: at('08:00'), updatedAt: at('08:00') });

    const cancelled = unwrap(
      transition(created, { to: 'Cancelled', reason: 'Customer withdrew', at: at('08:30'), by: 'lead-2' }),
    );
    expect(cancelled.history).toEqual([
      created.history[0],
      { from: 'Planned', to: 'Cancelled', reason: 'Customer withdrew', at: at('08:30'), by: 'lead-2' },
    ]);
    expect(cancelled.updatedAt).toBe(at('08:30'));
    expect(cancelled.createdAt).toBe(at('08:00'));

    const before = structuredClone(cancelled);
    expect(transition(cancelled, completeChange('Held')).ok).toBe(false);
    expect(cancelled).toEqual(before);
  });

  it('keeps what the lifecycle does not own (subject, participants, numbers) untouched', () => {
    const held = unwrap(transition(callIn('Planned'), completeChange('Held')));
    expect(held).toMatchObject({ subject: base.subject, participants: base.participants, toNumber: base.toNumber });
  });
});

describe('the spec’s scenarios (issue 2, item 4)', () => {
  it('"an inbound call tracked from 09:05 and marked Held at 09:23 saves duration 18 minutes"', () => {
    const inbound = unwrap(
      createCall(
        { ...base, direction: 'Inbound', plannedStart: null },
        { to: 'Planned', at: at('09:05'), by: 'system' },
      ),
    );
    const held = unwrap(
      transition(inbound, {
        to: 'Held',
        actualStart: at('09:05'),
        actualEnd: at('09:23'),
        at: at('09:23'),
        by: 'agent-1',
      }),
    );
    expect(held.durationSeconds).toBe(18 * 60);
    expect(held.durationSeconds).toBe(1080);
    expect(held.history.at(-1)).toEqual({ from: 'Planned', to: 'Held', reason: null, at: at('09:23'), by: 'agent-1' });
    expect(CallRecord.parse(held)).toEqual(held);
  });

  it('"a planned call marked Not Held with a reason stores the reason and the time and keeps duration empty"', () => {
    const planned = callIn('Planned');
    const notHeld = unwrap(
      transition(planned, { to: 'NotHeld', reason: 'Customer out of office', at: at('09:02'), by: 'agent-1' }),
    );
    expect(notHeld.status).toBe('NotHeld');
    expect(notHeld.statusReason).toBe('Customer out of office');
    expect(notHeld.history.at(-1)).toMatchObject({ reason: 'Customer out of office', at: at('09:02') });
    expect(notHeld.updatedAt).toBe(at('09:02'));
    expect(notHeld.durationSeconds).toBeNull();
    expect(CallRecord.parse(notHeld)).toEqual(notHeld);
  });
});

describe('invariants under any sequence of changes (property)', () => {
  const minute = 60_000;
  const day0 = Date.parse(at('08:00'));
  const instant = fc
    .integer({ min: 0, max: 600 })
    .map((m) => new Date(day0 + m * minute + (m % 7) * 137).toISOString());
  const change = fc.record({
    to: fc.constantFrom(...STATUSES),
    reason: fc.constantFrom(undefined, null, '', '  ', 'No answer', ' Busy '),
    actualStart: fc.option(instant, { nil: undefined }),
    actualEnd: fc.option(instant, { nil: undefined }),
    at: instant,
    by: fc.constantFrom('agent-1', 'system'),
  });

  it('keeps duration iff Held, history = 1 + accepted changes, reason iff Not Held/Cancelled, Held final', () => {
    fc.assert(
      fc.property(change, fc.array(change, { maxLength: 25 }), (first, changes) => {
        const created = createCall(base, first);
        if (!created.ok) return;
        let call = created.value;
        let accepted = 0;
        for (const next of changes) {
          const wasHeld = call.status === 'Held';
          const result = transition(call, next);
          if (wasHeld) expect(result.ok).toBe(false);
          if (!result.ok) {
            expect(result.error.message.length).toBeGreaterThan(10);
            continue;
          }
          accepted++;
          call = result.value;
          expect(call.history.at(-1)).toMatchObject({ to: next.to, at: next.at, by: next.by });
        }
        expect(call.history).toHaveLength(1 + accepted);
        expect(call.history.at(-1)?.to).toBe(call.status);
        expect(call.durationSeconds !== null).toBe(call.status === 'Held');
        expect(call.statusReason !== null).toBe(call.status === 'NotHeld' || call.status === 'Cancelled');
        if (call.status === 'Held') {
          expect(call.durationSeconds).toBe(durationSeconds(call.actualStart!, call.actualEnd!));
          expect(Date.parse(call.actualEnd!)).toBeGreaterThanOrEqual(Date.parse(call.actualStart!));
        }
        expect(CallRecord.safeParse(call).success).toBe(true);
      }),
    );
  });
});

describe('times that cannot be (shared by desktop and server)', () => {
  it('refuses Held with a start in the future, in plain words', () => {
    const result = transition(callIn('Planned'), {
      to: 'Held',
      actualStart: at('11:00'),
      actualEnd: at('11:20'),
      at: at('10:00'),
      by: 'agent-1',
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'held_in_future',
        message: 'A held call has already taken place, so its start cannot be in the future. Check the date and time.',
      },
    });
  });

  it('refuses creating a call born Held with a start in the future the same way', () => {
    const change = { to: 'Held' as const, actualStart: at('10:30'), actualEnd: at('10:50'), at: at('10:00'), by: 'a' };
    expect(createCall(base, change)).toMatchObject({ ok: false, error: { code: 'held_in_future' } });
  });

  it('allows a start within the minute of the change (forms take times to the minute)', () => {
    const start = new Date(Date.parse(at('10:00')) + 59_000).toISOString();
    const result = transition(callIn('Planned'), {
      to: 'Held',
      actualStart: start,
      actualEnd: at('10:20'),
      at: at('10:00'),
      by: 'a',
    });
    expect(result.ok).toBe(true);
  });

  it('refuses to create a call planned in 1999 or 9999, counted from the time of creation', () => {
    for (const local of ['1999-06-01T09:00', '9999-06-01T09:00']) {
      const planned = { ...base, plannedStart: { local, zone: 'UTC', utc: `${local}:00.000Z` } };
      expect(createCall(planned, { to: 'Planned', at: at('10:00'), by: 'a' })).toMatchObject({
        ok: false,
        error: { code: 'planned_year_out_of_range' },
      });
    }
  });
});

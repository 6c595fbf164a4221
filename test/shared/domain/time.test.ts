/**
 * Time math in IANA zones.
 *
 * Where the cases come from:
 * - Temporal proposal, docs/ambiguity.md ("Examples: DST Disambiguation"): America/Los_Angeles
 *   2020-03-08T02:30 (gap) → 03:30-07:00 and 2020-11-01T01:30 (repeated hour) → -07:00 with
 *   `compatible`; the same rule for America/New_York 2019-03-10T02:30 → 03:30 EDT and
 *   2019-11-03T01:30 → -04:00.
 * - IANA tz data (tzdata `northamerica`, `europe`, `australasia`, `southamerica`):
 *   EU rule: last Sunday of March 01:00 UTC forward, last Sunday of October 01:00 UTC back;
 *   Australia/Lord_Howe: a 30-minute shift (+10:30 ↔ +11) at 02:00 local, first Sunday of
 *   October / April; Australia/Sydney: 02:00 → 03:00 first Sunday of October, 03:00 → 02:00
 *   first Sunday of April; America/Sao_Paulo 2018-11-04: clocks jumped from 00:00 to 01:00
 *   (the last Brazilian DST start, so that day had no midnight); Asia/Kolkata has no DST.
 * - Reminder offsets are exact elapsed minutes: the arithmetic is checked by hand against
 *   the offsets above, and a property checks it for any instant.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDaysAtLocalTime,
  localTimeIn,
  planStart,
  reminderInstant,
  reminderInstants,
  resolveLocalDateTime,
  TimeInputError,
  zonedNow,
} from '../../../src/shared/domain/time';

function thrownBy(run: () => unknown): TimeInputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TimeInputError);
    return error as TimeInputError;
  }
  throw new Error('expected a TimeInputError');
}

describe('resolveLocalDateTime: Temporal proposal ambiguity examples (compatible)', () => {
  it.each([
    // [zone, local, utc, why]
    ['America/Los_Angeles', '2020-03-08T02:30', '2020-03-08T10:30:00.000Z', 'gap: 03:30 PDT'],
    ['America/Los_Angeles', '2020-11-01T01:30', '2020-11-01T08:30:00.000Z', 'repeated hour: earlier, -07:00'],
    ['America/New_York', '2019-03-10T02:30', '2019-03-10T07:30:00.000Z', 'gap: 03:30 EDT'],
    ['America/New_York', '2019-11-03T01:30', '2019-11-03T05:30:00.000Z', 'repeated hour: earlier, -04:00'],
    ['America/New_York', '2019-03-10T01:59:59', '2019-03-10T06:59:59.000Z', 'last second before the gap'],
    ['America/New_York', '2019-03-10T03:00', '2019-03-10T07:00:00.000Z', 'first minute after the gap'],
  ])('%s %s → %s (%s)', (zone, local, utc) => {
    expect(resolveLocalDateTime(local, zone)).toBe(utc);
  });

  it('shows the gap time as the moved-forward wall clock', () => {
    const utc = resolveLocalDateTime('2019-03-10T02:30', 'America/New_York');
    expect(localTimeIn('America/New_York', utc)).toEqual({
      local: '2019-03-10T03:30',
      offsetMinutes: -240,
      label: '03:30 EDT',
    });
  });

  it('resolves the ambiguous hour to its first occurrence (EDT, not EST)', () => {
    const utc = resolveLocalDateTime('2019-11-03T01:30', 'America/New_York');
    expect(localTimeIn('America/New_York', utc).offsetMinutes).toBe(-240);
  });
});

describe('resolveLocalDateTime: IANA tz data, other zones', () => {
  it.each([
    ['Europe/Berlin', '2024-01-15T14:05', '2024-01-15T13:05:00.000Z', 'winter, CET +01:00'],
    ['Europe/Berlin', '2024-07-15T14:05', '2024-07-15T12:05:00.000Z', 'summer, CEST +02:00'],
    ['Europe/Berlin', '2024-03-31T02:30', '2024-03-31T01:30:00.000Z', 'gap → 03:30 CEST'],
    ['Europe/Berlin', '2024-10-27T02:30', '2024-10-27T00:30:00.000Z', 'repeated hour → earlier, +02:00'],
    ['Australia/Lord_Howe', '2024-10-06T02:15', '2024-10-05T15:45:00.000Z', '30-minute gap → 02:45 +11:00'],
    ['Australia/Lord_Howe', '2024-04-07T01:45', '2024-04-06T14:45:00.000Z', '30-minute overlap → earlier, +11:00'],
    ['Australia/Lord_Howe', '2024-07-01T09:00', '2024-06-30T22:30:00.000Z', 'winter, +10:30'],
    ['Australia/Sydney', '2024-10-06T02:30', '2024-10-05T16:30:00.000Z', 'southern spring gap → 03:30 AEDT'],
    ['Australia/Sydney', '2024-04-07T02:30', '2024-04-06T15:30:00.000Z', 'southern autumn overlap → earlier, +11:00'],
    ['America/Sao_Paulo', '2018-11-04T00:30', '2018-11-04T03:30:00.000Z', 'midnight gap → 01:30 -02:00'],
    ['Asia/Kolkata', '2024-03-31T02:30', '2024-03-30T21:00:00.000Z', 'no DST, +05:30'],
    ['UTC', '2024-02-29T23:59:59', '2024-02-29T23:59:59.000Z', 'leap day'],
  ])('%s %s → %s (%s)', (zone, local, utc) => {
    expect(resolveLocalDateTime(local, zone)).toBe(utc);
  });
});

describe('resolveLocalDateTime and planStart: malformed input', () => {
  it.each(['Mars/Olympus_Mons', '', 'EST5EDT6', 'america/new york'])('refuses the zone %j', (zone) => {
    const error = thrownBy(() => resolveLocalDateTime('2024-01-15T09:00', zone));
    expect(error.code).toBe('invalid_zone');
    expect(error.message).toMatch(/not a known time zone/);
  });

  it.each([
    '2024-01-15 09:00',
    '2024-01-15',
    '09:00',
    '2024-02-30T09:00',
    '2024-01-15T24:00',
    '2024-01-15T09:00Z',
    '2024-01-15T09:00-05:00',
    '2024-01-15T09:00[America/New_York]',
    '2024-01-15T09:00:00.000',
  ])('refuses the local time %j', (local) => {
    const error = thrownBy(() => resolveLocalDateTime(local, 'America/New_York'));
    expect(error.code).toBe('invalid_local_time');
    expect(error.message.length).toBeGreaterThan(10);
  });

  it('returns a PlannedStart record for good agent input', () => {
    expect(planStart('2019-03-10T02:30', 'America/New_York')).toEqual({
      ok: true,
      value: { local: '2019-03-10T02:30', zone: 'America/New_York', utc: '2019-03-10T07:30:00.000Z' },
    });
  });

  it('returns a readable error for bad agent input instead of throwing', () => {
    expect(planStart('2024-02-30T09:00', 'Europe/Berlin')).toEqual({
      ok: false,
      error: { code: 'invalid_local_time', message: expect.stringContaining('2024-02-30T09:00') },
    });
    expect(planStart('2024-01-15T09:00', 'Nowhere/Town')).toMatchObject({ ok: false, error: { code: 'invalid_zone' } });
  });
});

describe('reminderInstant: exact offsets, also across a DST change', () => {
  it('fires 60 real minutes before a 03:30 start on a spring-forward night (01:30 on the wall)', () => {
    const planned = resolveLocalDateTime('2019-03-10T03:30', 'America/New_York');
    const remindAt = reminderInstant(planned, 60);
    expect(remindAt).toBe('2019-03-10T06:30:00.000Z');
    expect(localTimeIn('America/New_York', remindAt).local).toBe('2019-03-10T01:30');
  });

  it('fires 90 real minutes before 02:00 on a fall-back night (the first 01:30, EDT)', () => {
    const planned = resolveLocalDateTime('2019-11-03T02:00', 'America/New_York');
    expect(planned).toBe('2019-11-03T07:00:00.000Z');
    const remindAt = reminderInstant(planned, 90);
    expect(remindAt).toBe('2019-11-03T05:30:00.000Z');
    expect(localTimeIn('America/New_York', remindAt)).toMatchObject({ local: '2019-11-03T01:30', offsetMinutes: -240 });
  });

  it('makes a one-day reminder 24 hours, which reads 08:00 the day before a 09:00 start after spring-forward', () => {
    const planned = resolveLocalDateTime('2019-03-10T09:00', 'America/New_York');
    const remindAt = reminderInstant(planned, 24 * 60);
    expect(remindAt).toBe('2019-03-09T13:00:00.000Z');
    expect(localTimeIn('America/New_York', remindAt).local).toBe('2019-03-09T08:00');
  });

  it('crosses Lord Howe’s 30-minute shift by exact minutes', () => {
    const planned = resolveLocalDateTime('2024-10-06T03:00', 'Australia/Lord_Howe');
    const remindAt = reminderInstant(planned, 60);
    expect(localTimeIn('Australia/Lord_Howe', remindAt)).toMatchObject({
      local: '2024-10-06T01:30',
      offsetMinutes: 630,
    });
  });

  it('accepts a zero offset and an offset-bearing instant', () => {
    expect(reminderInstant('2024-01-15T09:00:00.000Z', 0)).toBe('2024-01-15T09:00:00.000Z');
    expect(reminderInstant('2024-01-15T10:00:00+01:00', 15)).toBe('2024-01-15T08:45:00.000Z');
  });

  it.each([-5, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses the offset %s', (offset) => {
    expect(thrownBy(() => reminderInstant('2024-01-15T09:00:00.000Z', offset)).code).toBe('invalid_offset');
  });

  it.each(['2024-01-15T09:00', 'tomorrow', '', '2024-13-01T00:00:00Z'])('refuses the instant %j', (instant) => {
    expect(thrownBy(() => reminderInstant(instant, 5)).code).toBe('invalid_instant');
  });

  it('lists several reminders earliest first, each offset once', () => {
    expect(reminderInstants('2024-01-15T09:00:00.000Z', [5, 60, 15, 5])).toEqual([
      { offsetMinutes: 60, remindAt: '2024-01-15T08:00:00.000Z' },
      { offsetMinutes: 15, remindAt: '2024-01-15T08:45:00.000Z' },
      { offsetMinutes: 5, remindAt: '2024-01-15T08:55:00.000Z' },
    ]);
    expect(reminderInstants('2024-01-15T09:00:00.000Z', [])).toEqual([]);
  });

  it('is exact subtraction for any instant and offset (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2099, 0, 1) }),
        fc.integer({ min: 0, max: 60 * 24 * 14 }),
        (epochMs, offset) => {
          const planned = new Date(epochMs).toISOString();
          expect(Date.parse(reminderInstant(planned, offset))).toBe(epochMs - offset * 60_000);
        },
      ),
    );
  });
});

describe('localTimeIn and zonedNow: a caller’s local time', () => {
  it.each([
    ['Europe/Berlin', '2024-01-15T13:05:00.000Z', '2024-01-15T14:05', 60, '14:05 CET'],
    ['Europe/Berlin', '2024-07-15T12:05:00.000Z', '2024-07-15T14:05', 120, '14:05 CEST'],
    ['America/New_York', '2024-07-15T13:05:00.000Z', '2024-07-15T09:05', -240, '09:05 EDT'],
    ['America/Los_Angeles', '2024-01-15T17:00:00.000Z', '2024-01-15T09:00', -480, '09:00 PST'],
    ['Europe/London', '2024-07-15T13:05:00.000Z', '2024-07-15T14:05', 60, '14:05 BST'],
    ['Asia/Kolkata', '2024-01-15T13:05:00.000Z', '2024-01-15T18:35', 330, '18:35 IST'],
    ['Australia/Lord_Howe', '2024-01-15T13:05:00.000Z', '2024-01-16T00:05', 660, '00:05 LHDT'],
    ['Australia/Sydney', '2024-07-15T13:05:00.000Z', '2024-07-15T23:05', 600, '23:05 AEST'],
    ['Asia/Tokyo', '2024-01-15T13:05:00.000Z', '2024-01-15T22:05', 540, '22:05 GMT+9'],
    ['America/Sao_Paulo', '2024-01-15T13:05:00.000Z', '2024-01-15T10:05', -180, '10:05 GMT-3'],
    ['UTC', '2024-01-15T13:05:59.999Z', '2024-01-15T13:05', 0, '13:05 UTC'],
  ])('%s at %s is %s (%s min, "%s")', (zone, instant, local, offsetMinutes, label) => {
    expect(localTimeIn(zone, instant)).toEqual({ local, offsetMinutes, label });
  });

  it('reads the clock it is given', () => {
    expect(zonedNow('Europe/Paris', Date.UTC(2024, 0, 15, 13, 5))).toEqual(
      localTimeIn('Europe/Paris', '2024-01-15T13:05:00.000Z'),
    );
    expect(thrownBy(() => zonedNow('Europe/Paris', Number.NaN)).code).toBe('invalid_instant');
  });

  it('refuses an unknown zone', () => {
    expect(thrownBy(() => localTimeIn('Atlantis/Capital', '2024-01-15T13:05:00.000Z')).code).toBe('invalid_zone');
  });

  it('round-trips: resolving the wall clock shown gives the instant back, or its earlier twin (property)', () => {
    const zones = ['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Australia/Sydney', 'Asia/Kolkata'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1) / 60_000, max: Date.UTC(2040, 0, 1) / 60_000 }),
        fc.constantFrom(...zones),
        (epochMinutes, zone) => {
          const instant = new Date(epochMinutes * 60_000).toISOString();
          const shown = localTimeIn(zone, instant);
          const resolved = resolveLocalDateTime(shown.local, zone);
          if (resolved !== instant) {
            // Only the second occurrence of a repeated wall-clock time resolves elsewhere.
            expect(Date.parse(resolved)).toBeLessThan(Date.parse(instant));
            expect(localTimeIn(zone, resolved).local).toBe(shown.local);
          }
        },
      ),
    );
  });
});

describe('addDaysAtLocalTime: follow-up presets', () => {
  it('plans "tomorrow 09:00" in the customer’s zone, across spring-forward, at 09:00 on the wall', () => {
    // 10:00 EST on Saturday; Sunday is the spring-forward day.
    expect(addDaysAtLocalTime('2019-03-09T15:00:00.000Z', 'America/New_York', 1, '09:00')).toEqual({
      local: '2019-03-10T09:00',
      zone: 'America/New_York',
      utc: '2019-03-10T13:00:00.000Z',
    });
  });

  it('counts days on the customer’s calendar, not the UTC one', () => {
    // 23:30 UTC on the 15th is already 08:30 on the 16th in Tokyo.
    expect(addDaysAtLocalTime('2024-01-15T23:30:00.000Z', 'Asia/Tokyo', 1, '09:00')).toEqual({
      local: '2024-01-17T09:00',
      zone: 'Asia/Tokyo',
      utc: '2024-01-17T00:00:00.000Z',
    });
  });

  it('moves a preset that lands in a gap forward, like any planned start', () => {
    expect(addDaysAtLocalTime('2024-10-05T00:00:00.000Z', 'Australia/Sydney', 1, '02:30').utc).toBe(
      '2024-10-05T16:30:00.000Z',
    );
  });

  it('allows today (0 days) and going back', () => {
    expect(addDaysAtLocalTime('2024-01-15T13:05:00.000Z', 'Europe/Berlin', 0, '17:00').local).toBe('2024-01-15T17:00');
    expect(addDaysAtLocalTime('2024-03-01T12:00:00.000Z', 'Europe/Berlin', -1, '17:00').local).toBe('2024-02-29T17:00');
  });

  it('refuses bad days, clock times and zones', () => {
    const from = '2024-01-15T13:05:00.000Z';
    expect(thrownBy(() => addDaysAtLocalTime(from, 'Europe/Berlin', 1.5, '09:00')).code).toBe('invalid_days');
    expect(thrownBy(() => addDaysAtLocalTime(from, 'Europe/Berlin', 1, '9:00')).code).toBe('invalid_clock_time');
    expect(thrownBy(() => addDaysAtLocalTime(from, 'Europe/Berlin', 1, '24:00')).code).toBe('invalid_clock_time');
    expect(thrownBy(() => addDaysAtLocalTime(from, 'Moon/Base', 1, '09:00')).code).toBe('invalid_zone');
    expect(thrownBy(() => addDaysAtLocalTime('yesterday', 'Europe/Berlin', 1, '09:00')).code).toBe('invalid_instant');
  });
});

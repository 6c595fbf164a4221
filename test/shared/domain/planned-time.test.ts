import { describe, expect, it } from 'vitest';
import { callingHoursWarning } from '../../../src/shared/domain/calling-hours';
import { lastPlannedYear, planCallStart } from '../../../src/shared/domain/planned-time';

const now = Date.parse('2026-12-01T12:00:00.000Z');

describe('planning a call start (shared by the form, the core and the server)', () => {
  it('a time in the spring-forward gap (2027-03-14 02:30 New York) is planned for 03:30 and the notice says so', () => {
    const planned = planCallStart('2027-03-14T02:30', 'America/New_York', now);
    expect(planned).toEqual({
      ok: true,
      value: {
        plannedStart: { local: '2027-03-14T02:30', zone: 'America/New_York', utc: '2027-03-14T07:30:00.000Z' },
        notice: '02:30 does not exist that day; the call is planned for 03:30.',
      },
    });
  });

  it('a time that happens twice (fall back) is planned for the first one, and the notice says so', () => {
    const planned = planCallStart('2027-11-07T01:30', 'America/New_York', now);
    expect(planned.ok && planned.value.plannedStart.utc).toBe('2027-11-07T05:30:00.000Z');
    expect(planned.ok && planned.value.notice).toMatch(/^01:30 happens twice that day/);
  });

  it('a zone typed in lower case is planned in the zone as the database spells it', () => {
    const planned = planCallStart('2026-12-10T10:00', 'europe/london', now);
    expect(planned.ok && planned.value.plannedStart.zone).toBe('Europe/London');
  });

  it('an ordinary time has no notice', () => {
    const planned = planCallStart('2027-03-15T09:00', 'America/New_York', now);
    expect(planned.ok && planned.value.notice).toBeNull();
  });

  it.each([
    ['1999-12-31T23:59', '1999'],
    ['9999-01-01T09:00', '9999'],
    [`${lastPlannedYear(now) + 1}-01-01T09:00`, String(lastPlannedYear(now) + 1)],
  ])('refuses %s in plain words, naming the allowed years', (local, year) => {
    expect(planCallStart(local, 'Europe/Berlin', now)).toEqual({
      ok: false,
      error: {
        code: 'planned_year_out_of_range',
        message: `A call can be planned for a date between the years 2000 and 2036; ${year} is outside that. Check the year.`,
      },
    });
  });

  it('accepts the first and the last allowed year', () => {
    expect(planCallStart('2000-01-01T00:00', 'UTC', now).ok).toBe(true);
    expect(planCallStart('2036-12-31T23:59', 'UTC', now).ok).toBe(true);
  });

  it('an unknown zone gets a sentence an agent understands, not a field path', () => {
    const planned = planCallStart('2027-01-05T09:00', 'Mars/Olympus_Mons', now);
    expect(planned).toEqual({
      ok: false,
      error: {
        code: 'invalid_zone',
        message:
          '“Mars/Olympus_Mons” is not a time zone Switchboard knows. Pick one from the list, such as America/New_York or Europe/Berlin.',
      },
    });
  });

  it('a date that is not on the calendar is refused', () => {
    const planned = planCallStart('2027-02-30T09:00', 'UTC', now);
    expect(planned.ok).toBe(false);
    expect(!planned.ok && planned.error.message).toBe('2027-02-30 09:00 is not a date that exists.');
  });
});

describe('calling hours (the click-to-dial confirm sheet warns outside them)', () => {
  it('warns at 03:17 the customer’s time', () => {
    expect(callingHoursWarning({ local: '2026-12-01T03:17', label: '03:17 GMT' })).toBe(
      'It is 03:17 GMT for them, outside usual calling hours (08:00–21:00 their time). Call anyway only if they asked for it.',
    );
  });

  it.each(['07:59', '21:00', '23:30', '00:00'])('warns at %s', (clock) => {
    expect(callingHoursWarning({ local: `2026-12-01T${clock}`, label: clock })).not.toBeNull();
  });

  it.each(['08:00', '12:30', '20:59'])('stays quiet at %s', (clock) => {
    expect(callingHoursWarning({ local: `2026-12-01T${clock}`, label: clock })).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { scheduleWeek, TimeInputError } from '../../../src/shared/domain/time';

describe("scheduleWeek: the Schedule view's page", () => {
  it('is seven calendar days from local midnight of today, in the agent’s zone', () => {
    // 23:30 on Tuesday in New York is already Wednesday in UTC: the week starts on the agent's Tuesday.
    const now = Date.parse('2027-02-03T04:30:00.000Z');
    expect(scheduleWeek('America/New_York', now, 0)).toEqual({
      from: '2027-02-02T05:00:00.000Z',
      to: '2027-02-09T05:00:00.000Z',
      firstDay: '2027-02-02',
      lastDay: '2027-02-08',
    });
    expect(scheduleWeek('UTC', now, 0).firstDay).toBe('2027-02-03');
  });

  it('moves by whole weeks, and a week across the spring-forward change is 167 hours, not 168', () => {
    const now = Date.parse('2026-03-05T15:00:00.000Z');
    const next = scheduleWeek('America/New_York', now, 1);
    expect(next).toEqual({
      from: '2026-03-12T04:00:00.000Z',
      to: '2026-03-19T04:00:00.000Z',
      firstDay: '2026-03-12',
      lastDay: '2026-03-18',
    });
    const week = scheduleWeek('America/New_York', now, 0);
    expect(week.to).toBe(next.from);
    expect((Date.parse(week.to) - Date.parse(week.from)) / 3_600_000).toBe(167);
    expect(scheduleWeek('America/New_York', now, -1).to).toBe(week.from);
  });

  it('refuses an unknown zone or a fractional week with a sentence', () => {
    expect(() => scheduleWeek('Mars/Olympus', 0, 0)).toThrow(TimeInputError);
    expect(() => scheduleWeek('UTC', 0, 0.5)).toThrow(/whole number of weeks/);
  });
});

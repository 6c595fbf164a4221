import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';

/** The dashboard's periods; `custom` takes a first and a last day (both included). */
export const DashboardPeriod = z.enum(['today', 'week', 'month', 'year', 'custom']);
export type DashboardPeriod = z.infer<typeof DashboardPeriod>;
export type Period = Exclude<DashboardPeriod, 'custom'>;

/** A calendar day, `YYYY-MM-DD`, as the agent picks it (read in the agent's zone). */
export const PlainDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Give the day as YYYY-MM-DD.');

/** How finely a period's charts are cut: hours for one day, days up to two months, else months. */
export type Granularity = 'hour' | 'day' | 'month';

export interface PeriodRange {
  from: Date;
  to: Date;
  granularity: Granularity;
}

export class PeriodError extends Error {
  override readonly name = 'PeriodError';
}

const MAX_CUSTOM_DAYS = 731;

function instantOf(date: Temporal.PlainDate, timeZone: string): Date {
  return new Date(date.toZonedDateTime({ timeZone }).epochMilliseconds);
}

function parseDay(value: string | undefined, which: string): Temporal.PlainDate {
  if (!value) throw new PeriodError(`A custom period needs its ${which} day.`);
  try {
    return Temporal.PlainDate.from(value, { overflow: 'reject' });
  } catch {
    throw new PeriodError(`${value} is not a day of the calendar.`);
  }
}

/**
 * The period containing `now`, as seen on the wall clock of `timeZone`: from its start
 * (midnight; Monday for weeks, per ISO 8601) up to the start of the next one. Computed
 * with Temporal so days that are 23 or 25 hours long around DST changes come out right.
 * A custom period runs from the start of its first day to the end of its last.
 */
export function periodRange(
  period: DashboardPeriod,
  now: Date,
  timeZone: string,
  custom?: { from?: string | undefined; to?: string | undefined },
): PeriodRange {
  const today = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(timeZone).toPlainDate();
  let start: Temporal.PlainDate;
  let next: Temporal.PlainDate;
  switch (period) {
    case 'today':
      start = today;
      next = today.add({ days: 1 });
      break;
    case 'week':
      start = today.subtract({ days: today.dayOfWeek - 1 });
      next = start.add({ weeks: 1 });
      break;
    case 'month':
      start = today.with({ day: 1 });
      next = start.add({ months: 1 });
      break;
    case 'year':
      start = today.with({ month: 1, day: 1 });
      next = start.add({ years: 1 });
      break;
    case 'custom': {
      start = parseDay(custom?.from, 'first');
      const last = parseDay(custom?.to, 'last');
      if (Temporal.PlainDate.compare(last, start) < 0) throw new PeriodError('The last day comes before the first.');
      next = last.add({ days: 1 });
      if (start.until(next).total({ unit: 'days' }) > MAX_CUSTOM_DAYS) throw new PeriodError('Pick at most two years.');
      break;
    }
  }
  const days = start.until(next, { largestUnit: 'days' }).days;
  const granularity: Granularity = days <= 1 ? 'hour' : days <= 62 ? 'day' : 'month';
  return { from: instantOf(start, timeZone), to: instantOf(next, timeZone), granularity };
}

import { Temporal } from 'temporal-polyfill';

export type Period = 'today' | 'week' | 'month' | 'year';

/**
 * The period containing `now`, as seen on the wall clock of `timeZone`: from its start
 * (midnight; Monday for weeks, per ISO 8601) up to the start of the next one. Computed
 * with Temporal so days that are 23 or 25 hours long around DST changes come out right.
 */
export function periodRange(period: Period, now: Date, timeZone: string): { from: Date; to: Date } {
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
  }
  const instant = (date: Temporal.PlainDate) => new Date(date.toZonedDateTime({ timeZone }).epochMilliseconds);
  return { from: instant(start), to: instant(next) };
}

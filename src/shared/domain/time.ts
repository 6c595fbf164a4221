import { Temporal } from 'temporal-polyfill';
import { err, ok, type AppError, type Result } from '../result';
import type { PlannedStart } from './call';
import { isKnownTimeZone, LocalDateTime } from './primitives';

/**
 * Time math for planned calls and reminders, in IANA zones, with Temporal.
 *
 * Error policy: the functions here take values that the record schemas have already
 * checked (LocalDateTime, TimeZone, Instant), so malformed input is a programming
 * error and they throw a `TimeInputError` with a code and a readable sentence. The one
 * entry point for what an agent types, `planStart`, returns a Result instead, so a
 * form can show the sentence.
 *
 * Why Temporal and not luxon or date-fns-tz: those resolve an ambiguous fall-back
 * time differently. Temporal's `compatible` disambiguation matches what calendars
 * (RFC 5545) and most people expect: a time inside a spring-forward gap moves forward
 * by the length of the gap, an ambiguous time takes the earlier offset.
 */

export type TimeInputErrorCode =
  'invalid_zone' | 'invalid_local_time' | 'invalid_instant' | 'invalid_offset' | 'invalid_clock_time' | 'invalid_days';

export class TimeInputError extends Error {
  override readonly name = 'TimeInputError';
  constructor(
    readonly code: TimeInputErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** What a caller's clock shows: for "their local time is 14:05 CET" next to a number. */
export interface LocalTime {
  /** Wall-clock date-time in the zone, `YYYY-MM-DDTHH:mm`. */
  local: string;
  /** Offset from UTC in minutes at that instant (Berlin in winter: 60; New York in summer: -240). */
  offsetMinutes: number;
  /** `HH:mm` and the zone's short name, e.g. "14:05 CET"; "GMT+5:30" style when the zone has none. */
  label: string;
}

/**
 * Resolves a wall-clock time in an IANA zone to an instant (ISO string, UTC, ms).
 * Uses Temporal's `compatible` disambiguation: a time inside a spring-forward gap
 * moves forward by the gap, an ambiguous fall-back time takes the earlier offset.
 */
export function resolveLocalDateTime(local: string, zone: string): string {
  return toInstantString(toZoned(plainDateTime(local), checkedZone(zone)).epochMilliseconds);
}

/**
 * The same resolution for what an agent typed: a PlannedStart record, or a sentence
 * the form can show.
 */
export function planStart(local: string, zone: string): Result<PlannedStart, AppError> {
  try {
    return ok({ local, zone, utc: resolveLocalDateTime(local, zone) });
  } catch (error) {
    if (error instanceof TimeInputError) return err({ code: error.code, message: error.message });
    throw error;
  }
}

/**
 * When a reminder `offsetMinutes` before the planned start fires. Exact elapsed time,
 * not wall-clock math: a 60-minute reminder for 03:30 on a spring-forward night fires
 * 60 real minutes earlier, which the clock on the wall shows as 01:30.
 */
export function reminderInstant(plannedUtc: string, offsetMinutes: number): string {
  if (!Number.isSafeInteger(offsetMinutes) || offsetMinutes < 0) {
    throw new TimeInputError('invalid_offset', `A reminder offset is a whole number of minutes, not ${offsetMinutes}.`);
  }
  return toInstantString(instant(plannedUtc).epochMilliseconds - offsetMinutes * 60_000);
}

/** Several reminders for one planned start, earliest first, each offset once. */
export function reminderInstants(
  plannedUtc: string,
  offsetsMinutes: readonly number[],
): { offsetMinutes: number; remindAt: string }[] {
  const unique = [...new Set(offsetsMinutes)].sort((a, b) => b - a);
  return unique.map((offsetMinutes) => ({ offsetMinutes, remindAt: reminderInstant(plannedUtc, offsetMinutes) }));
}

/** Wall-clock hours on some ISO weekdays (1 Monday … 7 Sunday): `from` included, `until` not. */
export interface WeeklyHours {
  days: readonly number[];
  from: string;
  until: string;
}

/** The ISO weekday (1 Monday … 7 Sunday) of a `YYYY-MM-DD…` wall-clock text. */
export function isoWeekday(local: string): number {
  const day = new Date(`${local.slice(0, 10)}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * Whether a wall-clock text (`YYYY-MM-DDTHH:mm…`, as `localTimeIn` gives it) falls inside
 * `hours`: the one rule for a customer's call windows and a company's business hours.
 */
export function withinWeeklyHours(local: string, hours: WeeklyHours): boolean {
  const clock = local.slice(11, 16);
  return hours.days.includes(isoWeekday(local)) && clock >= hours.from && clock < hours.until;
}

/** The wall clock in `zone` at `instantIso`: for showing a caller's local time. */
export function localTimeIn(zone: string, instantIso: string): LocalTime {
  const zoned = instant(instantIso).toZonedDateTimeISO(checkedZone(zone));
  const local = zoned.toPlainDateTime().toString({ smallestUnit: 'minute' });
  const time = local.slice(11, 16);
  return {
    local,
    offsetMinutes: zoned.offsetNanoseconds / 60_000_000_000,
    label: `${time} ${zoneShortName(zoned.timeZoneId, zoned.epochMilliseconds)}`,
  };
}

/** The wall clock in `zone` now. The clock is an argument so shared code stays pure and testable. */
export function zonedNow(zone: string, nowEpochMs: number): LocalTime {
  if (!Number.isFinite(nowEpochMs)) throw new TimeInputError('invalid_instant', 'The current time is not a number.');
  return localTimeIn(zone, toInstantString(nowEpochMs));
}

/**
 * "Tomorrow at 09:00 in the customer's zone": takes the calendar date in `zone` at
 * `fromInstant`, moves it by `days` calendar days and sets the wall-clock time, then
 * resolves it like any planned start (`compatible`). Days are calendar days, not
 * 24-hour blocks, so 09:00 stays 09:00 across a DST change.
 */
export function addDaysAtLocalTime(fromInstant: string, zone: string, days: number, clockTime: string): PlannedStart {
  if (!Number.isSafeInteger(days) || Math.abs(days) > 36_600) {
    throw new TimeInputError('invalid_days', `Move by a whole number of days, not ${days}.`);
  }
  if (!CLOCK_TIME.test(clockTime)) {
    throw new TimeInputError('invalid_clock_time', `Give the time of day as HH:mm (24-hour), not "${clockTime}".`);
  }
  const checked = checkedZone(zone);
  const date = instant(fromInstant).toZonedDateTimeISO(checked).toPlainDate().add({ days });
  const local = date.toPlainDateTime(Temporal.PlainTime.from(clockTime)).toString({ smallestUnit: 'minute' });
  return { local, zone, utc: resolveLocalDateTime(local, zone) };
}

/** Calls the Schedule view shows at once; further ones in the same week come page by page. */
export const SCHEDULE_PAGE_SIZE = 50;

/**
 * The Schedule view's week: seven calendar days in `zone` starting with today's date (at
 * `nowEpochMs`) moved by `weeks`, from local midnight to local midnight. Start of day is
 * Temporal's (a zone whose midnight falls in a DST gap starts the day at the gap's end),
 * so a week that crosses a change is still seven whole days, not 168 hours.
 */
export function scheduleWeek(
  zone: string,
  nowEpochMs: number,
  weeks: number,
): { from: string; to: string; firstDay: string; lastDay: string } {
  if (!Number.isSafeInteger(weeks) || Math.abs(weeks) > 5_000) {
    throw new TimeInputError('invalid_days', `Move by a whole number of weeks, not ${weeks}.`);
  }
  const checked = checkedZone(zone);
  const first = Temporal.Instant.fromEpochMilliseconds(nowEpochMs)
    .toZonedDateTimeISO(checked)
    .toPlainDate()
    .add({ weeks });
  const startOf = (date: Temporal.PlainDate) =>
    toInstantString(date.toZonedDateTime({ timeZone: checked }).epochMilliseconds);
  return {
    from: startOf(first),
    to: startOf(first.add({ days: 7 })),
    firstDay: first.toString(),
    lastDay: first.add({ days: 6 }).toString(),
  };
}

// ---------------------------------------------------------------------------------

const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** Instants as the records store them, or with an explicit offset; never a bare local time. */
const INSTANT_TEXT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

function checkedZone(zone: string): string {
  // isKnownTimeZone (Intl) is the same check the TimeZone schema makes; Temporal's own
  // check follows, so a zone one of them lacks is refused rather than half-used.
  if (typeof zone !== 'string' || zone.trim() === '' || zone.length > 64 || !isKnownTimeZone(zone)) {
    throw new TimeInputError('invalid_zone', `"${String(zone).slice(0, 64)}" is not a known time zone.`);
  }
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(zone);
  } catch {
    throw new TimeInputError('invalid_zone', `"${zone}" is not a known time zone.`);
  }
  return zone;
}

function plainDateTime(local: string): Temporal.PlainDateTime {
  // Temporal.PlainDateTime.from also accepts strings with offsets and annotations and
  // silently drops them; a planned start is only ever a bare wall-clock time.
  if (!LocalDateTime.safeParse(local).success) {
    throw new TimeInputError(
      'invalid_local_time',
      `Use a local date-time like 2026-03-08T02:30, not "${String(local).slice(0, 40)}".`,
    );
  }
  try {
    return Temporal.PlainDateTime.from(local);
  } catch {
    throw new TimeInputError('invalid_local_time', `"${local}" is not a date and time that exists on a calendar.`);
  }
}

function toZoned(local: Temporal.PlainDateTime, zone: string): Temporal.ZonedDateTime {
  return local.toZonedDateTime(zone, { disambiguation: 'compatible' });
}

function instant(text: string): Temporal.Instant {
  if (typeof text !== 'string' || !INSTANT_TEXT.test(text)) {
    throw new TimeInputError(
      'invalid_instant',
      `"${String(text).slice(0, 40)}" is not an instant like 2026-03-08T07:30:00.000Z.`,
    );
  }
  try {
    return Temporal.Instant.from(text);
  } catch {
    throw new TimeInputError('invalid_instant', `"${text}" is not an instant that exists on a calendar.`);
  }
}

/** The records' Instant format: UTC, milliseconds, `Z`, so strings sort by time. */
function toInstantString(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/**
 * A short zone name a person recognises. ICU gives abbreviations per locale: en-US
 * knows EST/PST but calls Berlin "GMT+1", en-GB knows CET/BST, en-AU knows AEST and
 * LHDT, en-IN knows IST. Take the first real abbreviation; otherwise the GMT offset.
 */
function zoneShortName(zone: string, epochMs: number): string {
  let fallback = 'UTC';
  for (const locale of SHORT_NAME_LOCALES) {
    const name = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' })
      .formatToParts(epochMs)
      .find((part) => part.type === 'timeZoneName')?.value;
    if (!name) continue;
    if (!/^(GMT|UTC)[+-]/.test(name)) return name;
    if (locale === SHORT_NAME_LOCALES[0]) fallback = name;
  }
  return fallback;
}

const SHORT_NAME_LOCALES = ['en-US', 'en-GB', 'en-AU', 'en-IN'] as const;

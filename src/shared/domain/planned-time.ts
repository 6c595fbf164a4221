import { Temporal } from 'temporal-polyfill';
import { err, ok, type AppError, type Result } from '../result';
import type { PlannedStart } from './call';
import { canonicalTimeZoneCase, isKnownTimeZone, LocalDateTime } from './primitives';
import { resolveLocalDateTime } from './time';

/**
 * What an agent may type as a planned start, in plain words, shared by the form (which
 * shows the sentence as the agent types), the core (which refuses) and the lifecycle's
 * creation rule (so the server refuses the same).
 */

/** The first year a call can be planned in: older is a typo (1999 for 2026), not a plan. */
export const FIRST_PLANNED_YEAR = 2000;
/** How far ahead a plan may reach: 9999 is a typo, not a follow-up. */
export const PLANNED_YEARS_AHEAD = 10;

export interface PlannedTime {
  plannedStart: PlannedStart;
  /**
   * A sentence the form shows when the time typed is not exactly the time planned: a
   * wall-clock time skipped by a spring-forward change, or one that happens twice.
   */
  notice: string | null;
}

/** The last year a call can be planned in, counted from `nowEpochMs` (UTC year). */
export function lastPlannedYear(nowEpochMs: number): number {
  return new Date(nowEpochMs).getUTCFullYear() + PLANNED_YEARS_AHEAD;
}

/** The sentence for a planned year out of bounds, or null when the year is fine. */
export function plannedYearProblem(local: string, nowEpochMs: number): string | null {
  const year = Number(local.slice(0, 4));
  const last = lastPlannedYear(nowEpochMs);
  if (Number.isInteger(year) && year >= FIRST_PLANNED_YEAR && year <= last) return null;
  return `A call can be planned for a date between the years ${FIRST_PLANNED_YEAR} and ${last}; ${local.slice(0, 4)} is outside that. Check the year.`;
}

/** The sentence for a zone Switchboard does not know, or null. */
export function timeZoneProblem(zone: string): string | null {
  if (zone.trim() !== '' && zone.length <= 64 && isKnownTimeZone(zone)) return null;
  const shown = zone.trim() === '' ? 'An empty time zone' : `“${zone.slice(0, 64)}”`;
  return `${shown} is not a time zone Switchboard knows. Pick one from the list, such as America/New_York or Europe/Berlin.`;
}

/**
 * Resolves what the agent typed, or says in plain words why it cannot be planned.
 * A time inside a spring-forward gap is planned one gap later (Temporal's
 * `compatible`, see time.ts) and the notice says so, so the agent is never surprised
 * by a time they did not type.
 */
export function planCallStart(local: string, typedZone: string, nowEpochMs: number): Result<PlannedTime, AppError> {
  const zoneProblem = timeZoneProblem(typedZone);
  if (zoneProblem) return err({ code: 'invalid_zone', message: zoneProblem });
  const zone = canonicalTimeZoneCase(typedZone);
  if (!LocalDateTime.safeParse(local).success) {
    return err({ code: 'invalid_local_time', message: 'Give the date and time the call is planned for.' });
  }
  const yearProblem = plannedYearProblem(local, nowEpochMs);
  if (yearProblem) return err({ code: 'planned_year_out_of_range', message: yearProblem });
  let typed: Temporal.PlainDateTime;
  try {
    typed = Temporal.PlainDateTime.from(local, { overflow: 'reject' });
  } catch {
    return err({ code: 'invalid_local_time', message: `${local.replace('T', ' ')} is not a date that exists.` });
  }
  const utc = resolveLocalDateTime(local, zone);
  const zoned = Temporal.Instant.from(utc).toZonedDateTimeISO(zone);
  const planned = zoned.toPlainDateTime();
  const typedClock = local.slice(11, 16);
  let notice: string | null = null;
  if (Temporal.PlainDateTime.compare(planned, typed) !== 0) {
    notice = `${typedClock} does not exist that day; the call is planned for ${planned.toString().slice(11, 16)}.`;
  } else if (happensTwice(typed, zone)) {
    notice = `${typedClock} happens twice that day (the clocks go back); the call is planned for the first one.`;
  }
  return ok({ plannedStart: { local, zone, utc }, notice });
}

function happensTwice(local: Temporal.PlainDateTime, zone: string): boolean {
  const earlier = local.toZonedDateTime(zone, { disambiguation: 'earlier' });
  const later = local.toZonedDateTime(zone, { disambiguation: 'later' });
  return earlier.epochMilliseconds !== later.epochMilliseconds;
}

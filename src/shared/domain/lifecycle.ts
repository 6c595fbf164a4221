import { err, ok, type Result } from '../result';
import type { CallRecord, CallStatus, StatusHistoryEntry } from './call';
import { callStatusLabel } from './call';
import { plannedYearProblem } from './planned-time';

/**
 * The call status lifecycle, shared by desktop and server so they can never disagree.
 *
 *   Planned ──► Held          (needs actual start and end; duration derived)
 *   Planned ──► Not Held      (needs a reason: no answer, busy, customer asked to move…)
 *   Planned ──► Cancelled     (needs a reason: withdrawn before dialing)
 *   Not Held ─► Planned       (rescheduled: try again later)
 *   Cancelled ► Planned       (reinstated)
 *   Not Held ─► Held          (correction: the call did take place, e.g. a call-back
 *                              on the same record connected)
 *
 * Held is final: a call that happened cannot un-happen. A record may also be created
 * directly in any status (an inbound call logged after the fact is born Held), and the
 * same requirements apply to that first entry.
 */
const transitions: Record<CallStatus, readonly CallStatus[]> = {
  Planned: ['Held', 'NotHeld', 'Cancelled'],
  NotHeld: ['Planned', 'Held'],
  Cancelled: ['Planned'],
  Held: [],
};

export function allowedTransitions(from: CallStatus): readonly CallStatus[] {
  return transitions[from];
}

export type TransitionErrorCode =
  | 'illegal_transition'
  | 'reason_required'
  | 'actual_times_required'
  | 'end_before_start'
  | 'invalid_time'
  | 'held_in_future'
  | 'planned_year_out_of_range';

/**
 * How far past the time of the change a Held call's start may lie: forms take times
 * to the minute, so "started 14:06" typed at 14:05:30 is the agent's now, not a call
 * in the future.
 */
export const HELD_CLOCK_GRACE_MS = 60_000;

export interface TransitionError {
  code: TransitionErrorCode;
  message: string;
}

export interface StatusChange {
  to: CallStatus;
  reason?: string | null;
  actualStart?: string | null;
  actualEnd?: string | null;
  /** When the change was made (an Instant). */
  at: string;
  /** Who made it: a user id, or `system` for the telephony layer. */
  by: string;
}

/** Whole seconds between two instants, rounded down; never negative (0 if either is unreadable). */
export function durationSeconds(startIso: string, endIso: string): number {
  const seconds = Math.floor((Date.parse(endIso) - Date.parse(startIso)) / 1000);
  return Number.isFinite(seconds) ? Math.max(0, seconds) : 0;
}

/**
 * Date.parse gives NaN for text that is not a time, and every comparison with NaN is
 * false: without this check "end before start" would pass and the duration would be
 * NaN. Records hold Instants (zod-checked), but a change may come from anywhere.
 */
function checkTimes(change: StatusChange): TransitionError | null {
  const named: [string, string | null | undefined][] = [
    ['time of the change', change.at],
    ['actual start', change.actualStart],
    ['actual end', change.actualEnd],
  ];
  for (const [what, value] of named) {
    if (value !== null && value !== undefined && Number.isNaN(Date.parse(value))) {
      return { code: 'invalid_time', message: `The ${what} is not a valid time.` };
    }
  }
  return null;
}

/**
 * Checks what the target status requires and returns the fields it implies.
 * Shared by creation and by transitions so both enforce the same rules.
 */
function statusFields(
  change: StatusChange,
  current: Pick<CallRecord, 'actualStart' | 'actualEnd'> | null,
): Result<
  Pick<CallRecord, 'status' | 'statusReason' | 'actualStart' | 'actualEnd' | 'durationSeconds'>,
  TransitionError
> {
  const reason = change.reason?.trim() ?? '';
  const label = callStatusLabel[change.to];
  const badTime = checkTimes(change);
  if (badTime) return err(badTime);
  switch (change.to) {
    case 'NotHeld':
    case 'Cancelled': {
      if (reason === '') {
        return err({ code: 'reason_required', message: `Say why the call is ${label}: a reason is required.` });
      }
      // Times already recorded (a call that rang but was not answered keeps its
      // ring start) stay; a duration only exists for Held calls.
      const start = change.actualStart ?? current?.actualStart ?? null;
      const end = change.actualEnd ?? current?.actualEnd ?? null;
      if (start && end && Date.parse(end) < Date.parse(start)) {
        return err({ code: 'end_before_start', message: 'The call cannot end before it started.' });
      }
      return ok({ status: change.to, statusReason: reason, actualStart: start, actualEnd: end, durationSeconds: null });
    }
    case 'Held': {
      const start = change.actualStart ?? current?.actualStart ?? null;
      const end = change.actualEnd ?? current?.actualEnd ?? null;
      if (!start || !end) {
        return err({
          code: 'actual_times_required',
          message: 'A held call needs the time it actually started and ended.',
        });
      }
      if (Date.parse(end) < Date.parse(start)) {
        return err({ code: 'end_before_start', message: 'The call cannot end before it started.' });
      }
      // Held means it took place: a start after the change is a typo (wrong day, wrong
      // year), and would put a finished call among the upcoming ones. Only the start is
      // checked: a record written as the call connects may already carry its end.
      if (Date.parse(start) > Date.parse(change.at) + HELD_CLOCK_GRACE_MS) {
        return err({
          code: 'held_in_future',
          message:
            'A held call has already taken place, so its start cannot be in the future. Check the date and time.',
        });
      }
      return ok({
        status: 'Held',
        statusReason: null,
        actualStart: start,
        actualEnd: end,
        durationSeconds: durationSeconds(start, end),
      });
    }
    case 'Planned':
      return ok({ status: 'Planned', statusReason: null, actualStart: null, actualEnd: null, durationSeconds: null });
  }
}

/**
 * The history keeps whatever reason was given, also for Held and Planned ("customer
 * asked to move it to Tuesday"), while `statusReason` on the record only holds the
 * reason for a Not Held or Cancelled status.
 */
function historyEntry(from: CallStatus | null, change: StatusChange): StatusHistoryEntry {
  const reason = change.reason?.trim() ?? '';
  return { from, to: change.to, reason: reason === '' ? null : reason, at: change.at, by: change.by };
}

/** Applies a status change, or says in plain words why it is not allowed. */
export function transition(call: CallRecord, change: StatusChange): Result<CallRecord, TransitionError> {
  if (!transitions[call.status].includes(change.to)) {
    const from = callStatusLabel[call.status];
    const to = callStatusLabel[change.to];
    const allowed = transitions[call.status].map((s) => callStatusLabel[s]);
    const hint =
      allowed.length === 0 ? `A ${from} call cannot change status.` : `It can become: ${allowed.join(', ')}.`;
    return err({ code: 'illegal_transition', message: `A call that is ${from} cannot become ${to}. ${hint}` });
  }
  const fields = statusFields(change, call);
  if (!fields.ok) return fields;
  return ok({
    ...call,
    ...fields.value,
    history: [...call.history, historyEntry(call.status, change)],
    updatedAt: change.at,
  });
}

export type NewCall = Omit<
  CallRecord,
  | 'status'
  | 'statusReason'
  | 'actualStart'
  | 'actualEnd'
  | 'durationSeconds'
  | 'history'
  | 'createdAt'
  | 'updatedAt'
  | 'quality'
  | 'wrappedUpAt'
>;

/** Creates a call record in its first status, with the first history entry. */
export function createCall(call: NewCall, first: StatusChange): Result<CallRecord, TransitionError> {
  // Counted from the time of creation, so the server, replaying the change later,
  // decides as the desktop did.
  const yearProblem = call.plannedStart ? plannedYearProblem(call.plannedStart.local, Date.parse(first.at)) : null;
  if (yearProblem) return err({ code: 'planned_year_out_of_range', message: yearProblem });
  const fields = statusFields(first, null);
  if (!fields.ok) return fields;
  return ok({
    ...call,
    ...fields.value,
    // Measured by the line while the call runs, written when it ends (a `call.update`).
    quality: null,
    wrappedUpAt: null,
    history: [historyEntry(null, first)],
    createdAt: first.at,
    updatedAt: first.at,
  });
}

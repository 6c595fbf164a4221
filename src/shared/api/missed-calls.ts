import { z } from 'zod';
import { RelatedRef } from '../domain/call';
import { Id, Instant } from '../domain/primitives';
import { TaskStatus } from '../domain/work';
import { Availability } from './line';
import type { ApiTable, EventTable } from './table';

/**
 * Missed calls: inbound calls that never connected (the caller gave up while it rang,
 * the agent declined it, or it was turned away because the agent was not available).
 * None of them asks for a wrap-up; each is followed by a call-back task, and it counts
 * as handled once that task is done or cancelled.
 */

/** Why nobody answered. */
export const MissedReason = z.enum([
  /** It rang here and the caller hung up, or it rang out. */
  'missed',
  /** The agent declined it. */
  'rejected',
  /** It never rang: the agent was Away, Busy, Offline, in after-call work or on another call. */
  'unavailable',
]);
export type MissedReason = z.infer<typeof MissedReason>;

export const CallBackTask = z.object({
  id: Id,
  subject: z.string(),
  dueAt: Instant.nullable(),
  status: TaskStatus,
});

export const MissedCall = z.object({
  /** The call record (Inbound, Not Held). */
  id: Id,
  /** When it arrived. */
  at: Instant,
  /** The caller's number (E.164), null for a caller without one. */
  number: z.string().nullable(),
  /** Who called: the matched record's name, else the number. */
  caller: z.string(),
  related: RelatedRef.nullable(),
  /** The Not Held reason, in words ("Not answered: agent was Away"). */
  reason: z.string().nullable(),
  /** The call-back task linked to the call, if there is one. */
  task: CallBackTask.nullable(),
  /** The call-back task is done or cancelled (a call with no task counts as handled). */
  handled: z.boolean(),
});
export type MissedCall = z.infer<typeof MissedCall>;

export const missedCallsApi = {
  'calls.missed': {
    input: z
      .object({
        /** Only those whose call-back is still open. */
        unhandledOnly: z.boolean().default(false),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    output: z.object({ items: z.array(MissedCall), unhandled: z.number().int() }),
    summary: 'Inbound calls nobody answered, newest first, with their call-back task; and how many are unhandled.',
  },
} as const satisfies ApiTable;

export const missedCallEvents = {
  /** An inbound call was not answered: for a toast in the console and an OS notification. */
  'call.missed': z.object({
    callId: Id,
    caller: z.string(),
    reason: MissedReason,
    /** The availability it arrived in: a call missed while Away is what the alert is for. */
    availability: Availability,
    taskId: Id.nullable(),
    at: Instant,
  }),
} as const satisfies EventTable;

/**
 * The alert for a missed call, in words (the console's toast and the OS notification
 * say the same); null when the agent needs no telling: they declined it themselves.
 */
export function describeMissedCall(missed: {
  caller: string;
  reason: MissedReason;
  availability: string;
}): string | null {
  if (missed.reason === 'rejected') return null;
  if (missed.reason === 'unavailable') {
    const state = missed.availability === 'AfterCallWork' ? 'in after-call work' : missed.availability;
    return `Missed call from ${missed.caller} while you were ${state}. A call-back task was added.`;
  }
  return `Missed call from ${missed.caller}. A call-back task was added.`;
}

import type { Availability, LiveCall } from '../../../shared/api/line';
import type { MissedCall, MissedReason } from '../../../shared/api/missed-calls';
import type { RelatedRef } from '../../../shared/domain/call';
import { callBackTaskId } from '../../../shared/domain/ids';
import type { Db } from '../db/client';
import { getCall } from '../db/repositories/calls';
import {
  countUnhandledMissedCalls,
  listMissedCalls,
  missedCallsFromSince,
  openCallBackTaskIds,
} from '../db/repositories/missed-calls';
import { getTask } from '../db/repositories/tasks';
import type { EventBus } from '../events';
import { commit, type WriteContext } from '../sync/mutate';

/**
 * What follows an inbound call nobody answered: a call-back task (so it cannot be
 * forgotten), and an alert. No wrap-up: there was no conversation to log, and the
 * agent may not even have seen it ring (Away, on another call).
 */

/** How soon the call-back is due: soon enough to catch the caller while it matters. */
export const CALL_BACK_WITHIN_MINUTES = 15;

export interface MissedCallFacts {
  callId: string;
  /** Who called, as the agent knows them: the matched record's name, else the number. */
  caller: string;
  related: RelatedRef | null;
  reason: MissedReason;
  /** The availability the call arrived in. */
  availability: Availability;
  at: string;
}

/** The caller as the pop named them: the chosen (or only) match, else the number. */
export function callerOf(call: Pick<LiveCall, 'pop' | 'chosen' | 'numberDisplay'>): {
  caller: string;
  related: RelatedRef | null;
} {
  const matches = call.pop?.matches ?? [];
  const chosen = call.chosen
    ? matches.find((m) => m.type === call.chosen!.type && m.id === call.chosen!.id)
    : matches.length === 1
      ? matches[0]
      : undefined;
  if (!chosen) return { caller: call.numberDisplay, related: null };
  return { caller: chosen.name, related: { type: chosen.type, id: chosen.id, name: chosen.name } };
}

/**
 * Creates the call-back task, linked to the caller and the call, through the write entry
 * point (a task that exists here must reach the server too); then raises the
 * `call.missed` alert. Returns the task's id.
 */
export function followUpMissedCall(ctx: WriteContext, events: EventBus, facts: MissedCallFacts): string {
  const id = groupedCallBack(ctx, facts) ?? newCallBack(ctx, facts);
  events.emit('call.missed', {
    callId: facts.callId,
    caller: facts.caller,
    reason: facts.reason,
    availability: facts.availability,
    taskId: id,
    at: facts.at,
  });
  return id;
}

function newCallBack(ctx: WriteContext, facts: MissedCallFacts): string {
  const dueAt = new Date(Date.parse(facts.at) + CALL_BACK_WITHIN_MINUTES * 60_000).toISOString();
  // The server may make the same task (Twilio told it first and a pull brought it here):
  // one id for both, and no second create of a task this desktop already holds.
  const id = callBackTaskId(facts.callId);
  if (!getTask(ctx.local.db, id))
    commit(ctx, [
      {
        name: 'task.create',
        args: {
          id,
          subject: `Call back ${facts.caller}`,
          dueAt,
          priority: 'High',
          related: facts.related,
          callId: facts.callId,
          isDemo: false,
          at: facts.at,
        },
      },
    ]);
  return id;
}

/**
 * The same caller tried again while their call-back is still open: one task for all
 * their tries (three missed calls in a row are one call-back, not three), its subject
 * counting them. Its due time stays: the first try is the one waiting longest.
 */
function groupedCallBack(ctx: WriteContext, facts: MissedCallFacts): string | null {
  const number = getCall(ctx.local.db, facts.callId)?.fromNumber;
  if (!number) return null;
  const open = openCallBackTaskIds(ctx.local.db, number)[0];
  if (!open) return null;
  // Counted from the try the call-back was made for (its call rang before the task was made).
  const firstCallId = getTask(ctx.local.db, open)?.callId;
  const since = (firstCallId ? getCall(ctx.local.db, firstCallId)?.createdAt : null) ?? facts.at;
  const tries = missedCallsFromSince(ctx.local.db, number, since);
  commit(ctx, [
    {
      name: 'task.update',
      args: { id: open, set: { subject: `Call back ${facts.caller} (${tries} missed calls)` }, at: facts.at },
    },
  ]);
  return open;
}

export function missedCalls(
  db: Db,
  filter: { unhandledOnly: boolean; limit: number },
): {
  items: MissedCall[];
  unhandled: number;
} {
  return { items: listMissedCalls(db, filter), unhandled: countUnhandledMissedCalls(db) };
}

/**
 * The caller was reached (a call with their number connected, whichever side dialed):
 * their missed calls are handled, so the open call-back tasks are completed, in one
 * commit.
 */
export function closeCallBacks(ctx: WriteContext, number: string, at: string): string[] {
  const ids = openCallBackTaskIds(ctx.local.db, number);
  if (ids.length > 0)
    commit(
      ctx,
      ids.map((id) => ({ name: 'task.setStatus' as const, args: { id, to: 'Done' as const, at } })),
    );
  return ids;
}

import type { Availability, LiveCall } from '../../../shared/api/line';
import type { MissedCall, MissedReason } from '../../../shared/api/missed-calls';
import type { RelatedRef } from '../../../shared/domain/call';
import { newId } from '../../../shared/domain/ids';
import type { Task } from '../../../shared/domain/work';
import type { Db } from '../db/client';
import { countUnhandledMissedCalls, listMissedCalls, openCallBackTaskIds } from '../db/repositories/missed-calls';
import { insertTask, setTaskStatus } from '../db/repositories/tasks';
import type { EventBus } from '../events';
import { appendMutation } from '../sync/append-mutation';
import { taskCreateArgs } from '../sync/mutation-args';
import type { Agent } from './call-records';

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
 * Creates the call-back task, linked to the caller and the call, with its outbox row in
 * one transaction (a task that exists here must reach the server too); then tells the
 * UI and raises the `call.missed` alert.
 */
export function followUpMissedCall(db: Db, events: EventBus, agent: Agent, facts: MissedCallFacts): Task {
  const dueAt = new Date(Date.parse(facts.at) + CALL_BACK_WITHIN_MINUTES * 60_000).toISOString();
  const task: Task = {
    id: newId(),
    subject: `Call back ${facts.caller}`,
    dueAt,
    status: 'Open',
    priority: 'High',
    related: facts.related,
    callId: facts.callId,
    ownerId: agent.userId,
    isDemo: false,
    createdAt: facts.at,
    updatedAt: facts.at,
  };
  db.transaction((tx) => {
    insertTask(tx, task);
    appendMutation(tx, 'task.create', taskCreateArgs(task, agent.userId));
  });
  events.emit('data.changed', { entity: 'task', ids: [task.id] });
  events.emit('call.missed', {
    callId: facts.callId,
    caller: facts.caller,
    reason: facts.reason,
    availability: facts.availability,
    taskId: task.id,
    at: facts.at,
  });
  return task;
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
 * their missed calls are handled, so the open call-back tasks are completed, each with
 * its outbox row in the same transaction.
 */
export function closeCallBacks(db: Db, events: EventBus, number: string, at: string): string[] {
  const closed = db.transaction((tx) => {
    const ids = openCallBackTaskIds(tx, number);
    for (const id of ids) {
      setTaskStatus(tx, id, 'Done', at);
      appendMutation(tx, 'task.setStatus', { id, to: 'Done', at });
    }
    return ids;
  });
  if (closed.length > 0) events.emit('data.changed', { entity: 'task', ids: closed });
  return closed;
}

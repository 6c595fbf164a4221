import type { z } from 'zod';
import {
  WrapUpDraft,
  type FollowUp,
  type PendingWrapUp,
  type SaveDraftInput,
  type WrapUpSubmit,
} from '../../../shared/api/line';
import type { CallRecord } from '../../../shared/domain/call';
import { checkDisposition } from '../../../shared/domain/disposition';
import { newId } from '../../../shared/domain/ids';
import { transition } from '../../../shared/domain/lifecycle';
import { addDaysAtLocalTime } from '../../../shared/domain/time';
import type { Note, Task } from '../../../shared/domain/work';
import type { Db } from '../db/client';
import { getCall, updateCall } from '../db/repositories/calls';
import { insertNote } from '../db/repositories/notes';
import { getSettings } from '../db/repositories/settings';
import { insertTask } from '../db/repositories/tasks';
import { CoreError } from '../errors';
import { appendMutation } from '../sync/append-mutation';
import { callSet, noteAddArgs, taskCreateArgs } from '../sync/mutation-args';
import type { ScreenPopLookup } from '../lookup/screen-pop';
import type { Agent } from './call-records';
import type { CallController, PendingSession } from './call-controller';
import { dispositionList } from './dispositions';
import { clearSession } from './line-store';

export { dispositionList };

/**
 * The wrap-up: after every call the agent logs how it went before taking the next one.
 *
 * It cannot be skipped silently. While one is pending the agent is in AfterCallWork
 * (no inbound call rings) and `line.dial` is refused with `wrapup_pending`. There is
 * deliberately no "discard": a minimal wrap-up is one click (the status and often the
 * disposition are prefilled from the telephony outcome), and every call then carries an
 * outcome a supervisor can report on.
 *
 * The draft is saved on every change (as a row of the local store), so a UI reload or
 * an app restart brings the form back as the agent left it.
 */

export interface WrapUpDeps {
  db: Db;
  controller: CallController;
  lookup: ScreenPopLookup;
  now: () => Date;
  agent: () => Agent;
  emitChanged: (entity: 'call' | 'note' | 'task', ids: string[]) => void;
}

function requirePending(controller: CallController, callId?: string): PendingSession {
  const pending = controller.pendingWrapUp();
  if (!pending) throw new CoreError('no_wrapup', 'There is no call waiting for its wrap-up.');
  if (callId !== undefined && pending.callId !== callId) {
    throw new CoreError('wrong_call', 'That wrap-up is for another call; reload the form.');
  }
  return pending;
}

/** The customer's zone (their record, else their account's, else their number's country), else the agent's. */
function customerZone(deps: WrapUpDeps, pending: PendingSession): string {
  const fallback = getSettings(deps.db).timeZone;
  try {
    const pop = deps.lookup.lookup(pending.number);
    const chosen = pending.chosen
      ? pop.matches.find((m) => m.type === pending.chosen!.type && m.id === pending.chosen!.id)
      : pop.matches[0];
    return chosen?.localTime?.zone ?? pop.numberLocalTime?.zone ?? fallback;
  } catch {
    return fallback;
  }
}

export function getWrapUp(deps: WrapUpDeps): PendingWrapUp | null {
  const pending = deps.controller.pendingWrapUp();
  if (!pending) return null;
  const call = getCall(deps.db, pending.callId);
  if (!call) return null;
  return {
    callId: pending.callId,
    since: pending.since,
    outcome: pending.outcome,
    call,
    draft: pending.draft,
    dispositions: dispositionList(deps.db).filter((d) => d.active),
    customerZone: customerZone(deps, pending),
  };
}

export function saveWrapUpDraft(deps: WrapUpDeps, input: z.output<typeof SaveDraftInput>): WrapUpDraft {
  const pending = requirePending(deps.controller, input.callId);
  const { callId: _callId, ...patch } = input;
  const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  const next = WrapUpDraft.parse({ ...pending.draft, ...defined });
  deps.controller.saveDraft(next);
  return next;
}

/** When a follow-up is due: presets count from now; "tomorrow 9:00" is in the customer's zone. */
export function followUpDueAt(followUp: FollowUp, now: Date, zone: string): string {
  switch (followUp.preset) {
    case 'in30m':
      return new Date(now.getTime() + 30 * 60_000).toISOString();
    case 'in2h':
      return new Date(now.getTime() + 2 * 3_600_000).toISOString();
    case 'tomorrow9':
      return addDaysAtLocalTime(now.toISOString(), zone, 1, '09:00').utc;
    case null:
      return followUp.dueAt!;
  }
}

export interface SubmitResult {
  call: CallRecord;
  taskId: string | null;
}

export function submitWrapUp(deps: WrapUpDeps, input: WrapUpSubmit): SubmitResult {
  const pending = requirePending(deps.controller, input.callId);
  const list = dispositionList(deps.db);
  const now = deps.now();
  const at = now.toISOString();
  const agent = deps.agent();
  const zone = customerZone(deps, pending);

  // One transaction: the call's outcome, its notes, the follow-up, their outbox rows
  // and the end of the stored session. If the app died half way, either the wrap-up
  // is done and gone, or it is still pending with its draft: never logged twice.
  const result = deps.db.transaction((tx) => {
    const stored = getCall(tx, input.callId);
    if (!stored) throw new CoreError('not_found', 'The call of this wrap-up is no longer in the local store.');
    // The shared rule (the server checks the same): the code must fit the call's
    // direction and whether it connected.
    const refused = checkDisposition(list, input.dispositionCode, {
      direction: stored.direction,
      status: input.status,
    });
    if (refused) throw new CoreError(refused.code, refused.message);
    let call = stored;
    if (input.status !== call.status) {
      const moved = transition(call, { to: input.status, reason: input.reason, at, by: agent.userId });
      if (!moved.ok) throw new CoreError(moved.error.code, moved.error.message);
      call = moved.value;
      appendMutation(tx, 'call.setStatus', { id: call.id, to: input.status, reason: input.reason, at });
    }
    // Same status, sharper reason ("Left a voicemail" instead of "No answer"): the
    // reason is refined in place; the history keeps what telephony reported. It travels
    // as the call's statusReason field, so the server keeps it and a pull does not undo it.
    const refined = input.status === 'NotHeld' ? input.reason?.trim() : undefined;
    const reason = refined ? refined : call.statusReason;
    const fields = {
      outcome: { dispositionCode: input.dispositionCode, text: input.outcomeText },
      related: input.related,
      ...(refined && refined !== call.statusReason ? { statusReason: refined } : {}),
    };
    call = { ...call, ...fields, statusReason: reason, updatedAt: at };
    updateCall(tx, call);
    appendMutation(tx, 'call.update', { id: call.id, set: callSet(fields), at });

    let noteId: string | null = null;
    if (input.notes.trim() !== '') {
      const note: Note = {
        id: newId(),
        body: input.notes.trim(),
        callId: call.id,
        related: input.related,
        authorId: agent.userId,
        createdAt: at,
        isDemo: false,
      };
      insertNote(tx, note);
      appendMutation(tx, 'note.add', noteAddArgs(note));
      noteId = note.id;
    }

    let taskId: string | null = null;
    if (input.followUp) {
      const task: Task = {
        id: newId(),
        subject: input.followUp.subject,
        dueAt: followUpDueAt(input.followUp, now, zone),
        status: 'Open',
        priority: 'Normal',
        related: input.related,
        callId: call.id,
        ownerId: agent.userId,
        isDemo: false,
        createdAt: at,
        updatedAt: at,
      };
      insertTask(tx, task);
      appendMutation(tx, 'task.create', taskCreateArgs(task, agent.userId));
      taskId = task.id;
    }
    clearSession(tx);
    return { call, taskId, noteId };
  });

  deps.emitChanged('call', [result.call.id]);
  if (result.noteId) deps.emitChanged('note', [result.noteId]);
  if (result.taskId) deps.emitChanged('task', [result.taskId]);
  deps.controller.finishWrapUp();
  return { call: result.call, taskId: result.taskId };
}

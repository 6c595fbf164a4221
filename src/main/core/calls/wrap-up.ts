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
import { addDaysAtLocalTime } from '../../../shared/domain/time';
import type { Db } from '../db/client';
import { getCall } from '../db/repositories/calls';
import { getSettings } from '../db/repositories/settings';
import { CoreError } from '../errors';
import { commit, type Mutation, type WriteContext } from '../sync/mutate';
import { callSet } from '../sync/mutation-args';
import type { ScreenPopLookup } from '../lookup/screen-pop';
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
  /** What the write entry point (sync/mutate.ts) needs. */
  write: WriteContext;
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

/**
 * The times a wrap-up saved as Held gives its call when the record lacks them. The line
 * knows them, but the record may not have them: its answer or end was not written (the
 * record was out of the store for a moment, as a reset download once did, or the write
 * failed), or an earlier build's restart closed it as missed. Without them the status
 * change is refused, and the agent, who must wrap up before the next call, would be stuck
 * on a form that cannot be saved. The record's own times win; the end is when after-call
 * work began. Nothing is invented for a call that never connected: Not Held it is then.
 */
function heldTimes(stored: CallRecord, pending: PendingSession): { actualStart?: string; actualEnd?: string } {
  const actualStart = stored.actualStart ?? pending.answeredAt;
  if (!actualStart) return {};
  return { actualStart, actualEnd: stored.actualEnd ?? pending.since };
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
  const zone = customerZone(deps, pending);

  const stored = getCall(deps.db, input.callId);
  if (!stored) throw new CoreError('not_found', 'The call of this wrap-up is no longer in the local store.');
  // The shared rule (the server checks the same): the code must fit the call's direction
  // and whether it connected.
  const refused = checkDisposition(list, input.dispositionCode, { direction: stored.direction, status: input.status });
  if (refused) throw new CoreError(refused.code, refused.message);
  const mutations: Mutation[] = [];
  if (input.status !== stored.status) {
    const times = input.status === 'Held' ? heldTimes(stored, pending) : {};
    mutations.push({
      name: 'call.setStatus',
      args: { id: stored.id, to: input.status, reason: input.reason, ...times, at },
    });
  }
  // Same status, sharper reason ("Left a voicemail" instead of "No answer"): the reason
  // is refined in place; the history keeps what telephony reported. It travels as the
  // call's statusReason field, so the server keeps it and a pull does not undo it.
  const refined = input.status === 'NotHeld' ? input.reason?.trim() : undefined;
  const reasonBefore = input.status !== stored.status ? (input.reason ?? null) : stored.statusReason;
  const fields = {
    outcome: { dispositionCode: input.dispositionCode, text: input.outcomeText },
    related: input.related,
    ...(refined && refined !== reasonBefore ? { statusReason: refined } : {}),
  };
  mutations.push({ name: 'call.update', args: { id: stored.id, set: callSet(fields), at } });
  if (input.notes.trim() !== '') {
    const note = { id: newId(), body: input.notes.trim(), callId: stored.id, related: input.related, at };
    mutations.push({ name: 'note.add', args: note });
  }
  const taskId = input.followUp ? newId() : null;
  if (input.followUp && taskId) {
    const dueAt = followUpDueAt(input.followUp, now, zone);
    const task = { id: taskId, subject: input.followUp.subject, dueAt, related: input.related, callId: stored.id, at };
    mutations.push({ name: 'task.create', args: task });
  }
  // One transaction: the call's outcome, its note, the follow-up, their outbox rows and
  // the end of the stored session. If the app died half way, either the wrap-up is done
  // and gone, or it is still pending with its draft: never logged twice.
  commit(deps.write, mutations, { unsynced: { what: 'line session', write: clearSession } });
  const call = getCall(deps.db, input.callId)!;
  const result = { call, taskId };

  deps.controller.finishWrapUp();
  return result;
}

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
import {
  DO_NOT_CALL_DISPOSITION,
  DO_NOT_CALL_REASON,
  doNotCallContactId,
  doNotContactFields,
} from '../../../shared/domain/do-not-contact';
import { newCallerProfile } from '../../../shared/domain/customer';
import { displayName, emptyProfile, type Contact } from '../../../shared/domain/directory';
import { newId } from '../../../shared/domain/ids';
import { isE164 } from '../../../shared/domain/phone';
import { addDaysAtLocalTime } from '../../../shared/domain/time';
import type { Db } from '../db/client';
import { getCall } from '../db/repositories/calls';
import { getContact } from '../db/repositories/contacts';
import { getSettings } from '../db/repositories/settings';
import { companyRules } from '../settings/company-settings';
import { CoreError } from '../errors';
import { commit, type Mutation, type WriteContext } from '../sync/mutate';
import { callSet, contactCreateArgs } from '../sync/mutation-args';
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

/** Who the call was with, as the pop sees the number now; null when it cannot be read. */
function callerOf(deps: WrapUpDeps, pending: PendingSession) {
  try {
    const pop = deps.lookup.lookup(pending.number);
    const chosen = pending.chosen
      ? pop.matches.find((m) => m.type === pending.chosen!.type && m.id === pending.chosen!.id)
      : pop.matches[0];
    return { pop, chosen: chosen ?? null };
  } catch {
    return null;
  }
}

/** The customer's zone (their record, else their account's, else their number's country), else the agent's. */
function customerZone(deps: WrapUpDeps, pending: PendingSession): string {
  const caller = callerOf(deps, pending);
  return caller?.chosen?.localTime?.zone ?? caller?.pop.numberLocalTime?.zone ?? getSettings(deps.db).timeZone;
}

/**
 * An unknown caller (a phone number nobody in the directory owns) with new-caller
 * profiles on (the company's rule): the wrap-up asks their name and makes them a customer.
 */
function asksNewCallerName(deps: WrapUpDeps, pending: PendingSession): boolean {
  if (!companyRules(deps.db).newCallerProfiles || !isE164(pending.number)) return false;
  const caller = callerOf(deps, pending);
  return caller !== null && caller.pop.matches.length === 0;
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
    asksNewCallerName: asksNewCallerName(deps, pending),
    customerId: customerIdOf(deps, pending),
  };
}

/** The contact the call is with (the chosen match, else the only contact match), for booking a visit. */
function customerIdOf(deps: WrapUpDeps, pending: PendingSession): string | null {
  const caller = callerOf(deps, pending);
  if (caller?.chosen?.type === 'contact') return caller.chosen.id;
  const related = getCall(deps.db, pending.callId)?.related;
  return related?.type === 'contact' ? related.id : null;
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

/** The contact an unknown caller becomes, or null (a known caller, no name typed, the setting off). */
function newCallerContact(deps: WrapUpDeps, pending: PendingSession, input: WrapUpSubmit, at: string): Contact | null {
  const { firstName, lastName } = input.newCaller;
  if (lastName === '' && firstName === '') return null;
  if (!asksNewCallerName(deps, pending)) return null;
  return {
    ...emptyProfile,
    id: newId(),
    // A single name typed goes where a contact needs one: the last name.
    firstName: lastName === '' ? '' : firstName,
    lastName: lastName === '' ? firstName : lastName,
    title: '',
    email: '',
    phones: [{ kind: 'mobile', e164: pending.number, extension: null }],
    tags: [],
    doNotContact: false,
    doNotContactReason: null,
    timeZone: null,
    accountId: null,
    customer: newCallerProfile(),
    isDemo: false,
    createdAt: at,
    updatedAt: at,
  };
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

export function submitWrapUp(deps: WrapUpDeps, submitted: WrapUpSubmit): SubmitResult {
  let input = submitted;
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
  // The unknown caller named in the form becomes a customer first, so the call, its note
  // and its follow-up can be about them (when the agent picked nothing else).
  const newCaller = newCallerContact(deps, pending, input, at);
  if (newCaller) {
    mutations.push({ name: 'contact.create', args: contactCreateArgs(newCaller) });
    input = { ...input, related: input.related ?? { type: 'contact', id: newCaller.id, name: displayName(newCaller) } };
  }
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
    // The end of the after-call work: handle time = talk time + (this − the call's end).
    wrappedUpAt: at,
    ...(refined && refined !== reasonBefore ? { statusReason: refined } : {}),
  };
  // "Do not call again" flags the person (the server applies the same rule to this call.update).
  const doNotCall = doNotCallFlag(deps, stored, input, at);
  if (doNotCall) mutations.push(doNotCall);
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

/** The contact.update that flags the call's contact when the disposition is do_not_call, or null. */
function doNotCallFlag(deps: WrapUpDeps, stored: CallRecord, input: WrapUpSubmit, at: string): Mutation | null {
  if (input.dispositionCode !== DO_NOT_CALL_DISPOSITION) return null;
  const contactId = doNotCallContactId({ related: input.related, participants: stored.participants });
  const contact = contactId ? getContact(deps.db, contactId) : null;
  // Already flagged: its own reason and date stay.
  if (!contact || contact.doNotContact) return null;
  const by = getSettings(deps.db).agentName;
  return { name: 'contact.update', args: { id: contact.id, set: doNotContactFields(DO_NOT_CALL_REASON, at, by), at } };
}

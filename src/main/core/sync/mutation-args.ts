import type { Contact } from '../../../shared/domain/directory';
import type { CallRecord, Outcome, Participant, PlannedStart, RelatedRef } from '../../../shared/domain/call';
import type { Note, Task } from '../../../shared/domain/work';
import type { CallFields, MutationInput } from '../../../shared/sync/mutations';

/**
 * Local records → protocol mutation arguments. Who made a change is never an argument
 * (the server takes it from the access token), and neither is an owner that is the agent
 * themselves: before login the agent's id is a local one the server does not know.
 */

export function callCreateArgs(call: CallRecord): MutationInput<'call.create'> {
  return {
    id: call.id,
    direction: call.direction,
    subject: call.subject,
    status: call.status,
    reason: call.history[0]?.reason ?? call.statusReason,
    plannedStart: call.plannedStart,
    actualStart: call.actualStart,
    actualEnd: call.actualEnd,
    dispositionCode: call.outcome.dispositionCode,
    outcomeText: call.outcome.text,
    related: call.related,
    participants: call.participants,
    teamId: call.teamId,
    fromNumber: call.fromNumber,
    toNumber: call.toNumber,
    providerCallId: call.providerCallId,
    recordingUrl: call.recordingUrl,
    isDemo: call.isDemo,
    at: call.createdAt,
  };
}

/** The editable fields a local patch changed, in the protocol's names. */
export interface CallPatch {
  subject?: string;
  plannedStart?: PlannedStart | null;
  outcome?: Outcome;
  related?: RelatedRef | null;
  participants?: Participant[];
  providerCallId?: string | null;
  /** Only a Not Held or Cancelled call's reason (the wrap-up refines it). */
  statusReason?: string;
}

export function callSet(patch: CallPatch): Partial<CallFields> {
  const set: Partial<CallFields> = {};
  if (patch.subject !== undefined) set.subject = patch.subject;
  if (patch.plannedStart !== undefined) set.plannedStart = patch.plannedStart;
  if (patch.outcome !== undefined) {
    set.dispositionCode = patch.outcome.dispositionCode;
    set.outcomeText = patch.outcome.text;
  }
  if (patch.related !== undefined) set.related = patch.related;
  if (patch.participants !== undefined) set.participants = patch.participants;
  if (patch.providerCallId !== undefined) set.providerCallId = patch.providerCallId;
  if (patch.statusReason !== undefined) set.statusReason = patch.statusReason;
  return set;
}

export function noteAddArgs(note: Note): MutationInput<'note.add'> {
  return {
    id: note.id,
    body: note.body,
    callId: note.callId,
    related: note.related,
    isDemo: note.isDemo,
    at: note.createdAt,
  };
}

export function taskCreateArgs(task: Task, self: string): MutationInput<'task.create'> {
  return {
    id: task.id,
    subject: task.subject,
    dueAt: task.dueAt,
    priority: task.priority,
    related: task.related,
    callId: task.callId,
    ...(task.ownerId !== self ? { ownerId: task.ownerId } : {}),
    isDemo: task.isDemo,
    at: task.createdAt,
  };
}

export function contactCreateArgs(contact: Contact): MutationInput<'contact.create'> {
  return {
    id: contact.id,
    firstName: contact.firstName,
    lastName: contact.lastName,
    title: contact.title,
    email: contact.email,
    phones: contact.phones,
    tags: contact.tags,
    doNotContact: contact.doNotContact,
    doNotContactReason: contact.doNotContactReason,
    timeZone: contact.timeZone,
    accountId: contact.accountId,
    isDemo: contact.isDemo,
    at: contact.createdAt,
  };
}

import type { Contact } from '../../../shared/domain/directory';
import type { CallQualitySummary, Outcome, Participant, PlannedStart, RelatedRef } from '../../../shared/domain/call';
import type { CallFields, MutationInput } from '../../../shared/sync/mutations';

/**
 * Local records → protocol mutation arguments. Who made a change is never an argument
 * (the server takes it from the access token), and neither is an owner that is the agent
 * themselves: before login the agent's id is a local one the server does not know.
 */

/** The editable fields a local patch changed, in the protocol's names. */
export interface CallPatch {
  subject?: string;
  plannedStart?: PlannedStart | null;
  outcome?: Outcome;
  related?: RelatedRef | null;
  participants?: Participant[];
  providerCallId?: string | null;
  quality?: CallQualitySummary | null;
  wrappedUpAt?: string | null;
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
  if (patch.quality !== undefined) set.quality = patch.quality;
  if (patch.wrappedUpAt !== undefined) set.wrappedUpAt = patch.wrappedUpAt;
  if (patch.statusReason !== undefined) set.statusReason = patch.statusReason;
  return set;
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
    doNotContactSince: contact.doNotContactSince ?? null,
    doNotContactBy: contact.doNotContactBy ?? null,
    timeZone: contact.timeZone,
    accountId: contact.accountId,
    customer: contact.customer,
    addresses: contact.addresses,
    equipment: contact.equipment,
    preferences: contact.preferences,
    isDemo: contact.isDemo,
    at: contact.createdAt,
  };
}

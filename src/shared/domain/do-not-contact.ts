import type { CallRecord } from './call';

/**
 * The `do_not_call` disposition flags the person the call was with as do-not-contact.
 * The desktop applies it at wrap-up and the CRM server when it applies the wrap-up's
 * call.update, with this one rule, so both sides flag the same person.
 */

export const DO_NOT_CALL_DISPOSITION = 'do_not_call';

/** The reason written on a contact flagged by the disposition. */
export const DO_NOT_CALL_REASON = 'Asked not to be called again (call disposition)';

/** The contact a do-not-call call flags: the call's related contact, else its first contact participant. */
export function doNotCallContactId(call: Pick<CallRecord, 'related' | 'participants'>): string | null {
  if (call.related?.type === 'contact') return call.related.id;
  return call.participants.find((p) => p.kind === 'contact')?.id ?? null;
}

/** The contact fields that set the flag: who set it and when, as people read them. */
export function doNotContactFields(reason: string, since: string, by: string) {
  return { doNotContact: true, doNotContactReason: reason, doNotContactSince: since, doNotContactBy: by };
}

/** The fields that clear it. */
export const clearedDoNotContact = {
  doNotContact: false,
  doNotContactReason: null,
  doNotContactSince: null,
  doNotContactBy: null,
} as const;

import type { RelatedRef } from '../../../shared/domain/call';
import type { Db } from '../db/client';
import { getAccount } from '../db/repositories/accounts';
import { getContact } from '../db/repositories/contacts';
import { getLead } from '../db/repositories/leads';
import { getSettings } from '../db/repositories/settings';

/**
 * The zone of the customer a record is about: a contact's own (else their account's), a
 * lead's, an account's; the agent's when none is known. "Tomorrow 9:00" and the
 * scheduling sheet's first zone are counted in it.
 */
export function customerZone(db: Db, related: Pick<RelatedRef, 'type' | 'id'> | null): string {
  const fallback = getSettings(db).timeZone;
  if (!related) return fallback;
  switch (related.type) {
    case 'contact': {
      const contact = getContact(db, related.id);
      const account = contact?.accountId ? getAccount(db, contact.accountId) : null;
      return contact?.timeZone ?? account?.timeZone ?? fallback;
    }
    case 'lead':
      return getLead(db, related.id)?.timeZone ?? fallback;
    case 'account':
      return getAccount(db, related.id)?.timeZone ?? fallback;
    default:
      return fallback;
  }
}

import type { ProfileParts, ProfileSubjectType } from '../../../shared/api/customers';
import type { RelatedRef } from '../../../shared/domain/call';
import { displayName } from '../../../shared/domain/directory';
import type { Db } from '../db/client';
import { getAccount } from '../db/repositories/accounts';
import { contactsOfAccount, getContact } from '../db/repositories/contacts';
import { orNotFound } from '../handler-context';

/**
 * What the profile handlers need of the record a profile sits on, whether a contact or an
 * account: its name, its parts, whether it is demo data, the calls that count towards its
 * lifetime stats, and the mutation that saves it. Everything else is the same code.
 */
export interface ProfileSubject {
  type: ProfileSubjectType;
  id: string;
  name: string;
  isDemo: boolean;
  profile: ProfileParts;
  /** The records whose calls are the customer's: the contact; the account and its contacts. */
  related: Pick<RelatedRef, 'type' | 'id'>[];
  /** People whose calls count even when filed under something else (a participant). */
  participantIds: string[];
  update: 'contact.update' | 'account.update';
}

const partsOf = (record: ProfileParts): ProfileParts => ({
  customer: record.customer,
  addresses: record.addresses,
  equipment: record.equipment,
  preferences: record.preferences,
});

/** The subject, or the handler's not-found error in words. */
export function readProfileSubject(db: Db, subject: { type: ProfileSubjectType; id: string }): ProfileSubject {
  if (subject.type === 'contact') {
    const contact = orNotFound(getContact(db, subject.id), 'Contact', subject.id);
    return {
      type: 'contact',
      id: contact.id,
      name: displayName(contact),
      isDemo: contact.isDemo,
      profile: partsOf(contact),
      related: [{ type: 'contact', id: contact.id }],
      participantIds: [contact.id],
      update: 'contact.update',
    };
  }
  const account = orNotFound(getAccount(db, subject.id), 'Account', subject.id);
  const people = contactsOfAccount(db, account.id).map((c) => c.id);
  return {
    type: 'account',
    id: account.id,
    name: account.name,
    isDemo: account.isDemo,
    profile: partsOf(account),
    related: [{ type: 'account', id: account.id }, ...people.map((id) => ({ type: 'contact' as const, id }))],
    participantIds: people,
    update: 'account.update',
  };
}

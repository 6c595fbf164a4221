import type { Contact, Lead } from '../../../../shared/domain/directory';
import type { contacts, leads } from '../schema';

/** Columns contacts and leads share, from a record (phones are stored apart). */
export function personColumns(person: Contact | Lead) {
  return {
    id: person.id,
    firstName: person.firstName,
    lastName: person.lastName,
    title: person.title,
    email: person.email,
    tags: person.tags,
    doNotContact: person.doNotContact,
    doNotContactReason: person.doNotContactReason,
    doNotContactSince: person.doNotContactSince ?? null,
    doNotContactBy: person.doNotContactBy ?? null,
    timeZone: person.timeZone,
    isDemo: person.isDemo,
    createdAt: person.createdAt,
    updatedAt: person.updatedAt,
  };
}

type PersonRow = Pick<
  typeof contacts.$inferSelect & typeof leads.$inferSelect,
  | 'id'
  | 'firstName'
  | 'lastName'
  | 'title'
  | 'email'
  | 'tags'
  | 'doNotContact'
  | 'doNotContactReason'
  | 'doNotContactSince'
  | 'doNotContactBy'
  | 'timeZone'
  | 'isDemo'
  | 'createdAt'
  | 'updatedAt'
>;

export function personFields(row: PersonRow) {
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    title: row.title,
    email: row.email,
    tags: row.tags,
    doNotContact: row.doNotContact,
    doNotContactReason: row.doNotContactReason,
    // Left out while unset (optional on the record, absent on records flagged before they were kept).
    ...(row.doNotContactSince === null ? {} : { doNotContactSince: row.doNotContactSince }),
    ...(row.doNotContactBy === null ? {} : { doNotContactBy: row.doNotContactBy }),
    timeZone: row.timeZone,
    isDemo: row.isDemo,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

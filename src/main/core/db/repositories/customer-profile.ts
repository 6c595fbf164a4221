import { noPreferences } from '../../../../shared/domain/customer';
import type { Contact } from '../../../../shared/domain/directory';
import type { contacts } from '../schema';

/**
 * The customer profile columns of a contact (migration 0016): JSON documents shown whole
 * and never queried inside, so a profile costs the contact list nothing.
 */
export function profileColumns(contact: Pick<Contact, 'customer' | 'addresses' | 'equipment' | 'preferences'>) {
  return {
    customer: contact.customer,
    addresses: contact.addresses,
    equipment: contact.equipment,
    preferences: contact.preferences,
  };
}

type ProfileRow = Pick<typeof contacts.$inferSelect, 'customer' | 'addresses' | 'equipment' | 'preferences'>;

/** A contact's profile parts from its row; a contact stored before profiles has none. */
export function profileFields(row: ProfileRow): Pick<Contact, 'customer' | 'addresses' | 'equipment' | 'preferences'> {
  return {
    customer: row.customer ?? null,
    addresses: row.addresses,
    equipment: row.equipment,
    preferences: row.preferences ?? noPreferences,
  };
}

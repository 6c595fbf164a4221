import { noPreferences } from '../../../../shared/domain/customer';
import type { Contact } from '../../../../shared/domain/directory';
import type { contacts } from '../schema';

/** The profile parts, the same on a contact and on an account (shared/domain/directory.ts profileFields). */
export type ProfileParts = Pick<Contact, 'customer' | 'addresses' | 'equipment' | 'preferences'>;

/**
 * The customer profile columns of a contact (migration 0016) or an account (0020): JSON
 * documents shown whole and never queried inside, so a profile costs the lists nothing.
 */
export function profileColumns(record: ProfileParts) {
  return {
    customer: record.customer,
    addresses: record.addresses,
    equipment: record.equipment,
    preferences: record.preferences,
  };
}

// The accounts table has the same four columns (schema/directory.ts profileColumns).
type ProfileRow = Pick<typeof contacts.$inferSelect, 'customer' | 'addresses' | 'equipment' | 'preferences'>;

/** A record's profile parts from its row; one stored before profiles has none. */
export function profileFields(row: ProfileRow): ProfileParts {
  return {
    customer: row.customer ?? null,
    addresses: row.addresses,
    equipment: row.equipment,
    preferences: row.preferences ?? noPreferences,
  };
}

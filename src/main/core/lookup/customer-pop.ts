import type Database from 'better-sqlite3';
import type { PopCustomer } from '../../../shared/api/line';
import { describeVisit, type Appointment } from '../../../shared/domain/appointment';
import {
  describeWindow,
  equipmentAt,
  equipmentSummary,
  noPreferences,
  primaryAddress,
  type Address,
  type CustomerInfo,
  type Equipment,
  type Preferences,
} from '../../../shared/domain/customer';
import { localTimeIn } from '../../../shared/domain/time';

/** A profile's four columns as stored: JSON text (migrations 0016 and 0021). */
interface ProfileColumns {
  customer: string | null;
  addresses: string;
  equipment: string;
  preferences: string | null;
}

interface ContactRow extends ProfileColumns {
  next_visit: string | null;
  /** Only read when the contact has no profile of its own (a CASE in the statement). */
  account_id: string | null;
  account_name: string | null;
  account_customer: string | null;
  account_addresses: string | null;
  account_equipment: string | null;
  account_preferences: string | null;
}

type NextVisit = Pick<Appointment, 'id' | 'date' | 'windowFrom' | 'windowUntil' | 'timeZone' | 'serviceType'>;

export interface CustomerPop {
  /** A contact's own profile, else their account's; null when neither has one. */
  ofContact(contactId: string, hasHistory: boolean, nowIso: string): PopCustomer | null;
  /** An account's profile, when the number is the account's own. */
  ofAccount(accountId: string, hasHistory: boolean): PopCustomer | null;
}

/**
 * The customer part of a pop. For a contact: one point read of the contact's profile
 * columns, in the same statement a seek on (contact_id, starts_at) for the next
 * scheduled visit and, only when the contact has no profile, a primary-key read of their
 * account's (the CASE keeps a contact with their own profile from carrying the account's
 * JSON). For an account: one primary-key read. Only run for records that matched, so a
 * ring from an unknown number costs nothing.
 */
export function createCustomerPop(sqlite: Database.Database): CustomerPop {
  const accountColumn = (column: string, as: string) => `CASE WHEN c.customer IS NULL THEN a.${column} END AS ${as}`;
  const readContact = sqlite.prepare<[string, string, string], ContactRow>(
    `SELECT c.customer, c.addresses, c.equipment, c.preferences,
            (SELECT json_object('id', id, 'date', date, 'windowFrom', window_from, 'windowUntil', window_until,
                                'timeZone', time_zone, 'serviceType', service_type)
               FROM appointments
              WHERE contact_id = ? AND status = 'scheduled' AND ends_at > ?
              ORDER BY starts_at, id LIMIT 1) AS next_visit,
            ${accountColumn('id', 'account_id')}, ${accountColumn('name', 'account_name')},
            ${accountColumn('customer', 'account_customer')}, ${accountColumn('addresses', 'account_addresses')},
            ${accountColumn('equipment', 'account_equipment')}, ${accountColumn('preferences', 'account_preferences')}
       FROM contacts c LEFT JOIN accounts a ON a.id = c.account_id
      WHERE c.id = ?`,
  );
  const readAccount = sqlite.prepare<[string], ProfileColumns>(
    `SELECT customer, addresses, equipment, preferences FROM accounts WHERE id = ?`,
  );

  return {
    ofContact(contactId, hasHistory, nowIso) {
      const row = readContact.get(contactId, nowIso, contactId);
      if (!row) return null;
      if (row.customer) {
        const next = row.next_visit ? (JSON.parse(row.next_visit) as NextVisit) : null;
        return {
          ...popOf(row, hasHistory),
          nextVisit: next
            ? {
                id: next.id,
                label: describeVisit(next, localTimeIn(next.timeZone, nowIso).local.slice(0, 10)),
                serviceType: next.serviceType,
              }
            : null,
        };
      }
      if (!row.account_customer || !row.account_id) return null;
      const account: ProfileColumns = {
        customer: row.account_customer,
        addresses: row.account_addresses ?? '[]',
        equipment: row.account_equipment ?? '[]',
        preferences: row.account_preferences,
      };
      return { ...popOf(account, hasHistory), fromAccount: { id: row.account_id, name: row.account_name ?? '' } };
    },
    ofAccount(accountId, hasHistory) {
      const row = readAccount.get(accountId);
      return row?.customer ? popOf(row, hasHistory) : null;
    },
  };
}

/**
 * A stored profile as the pop shows it: the primary address with how to get in, and the
 * equipment there (what is tied to no site counts everywhere). No next visit: the caller
 * adds a contact's.
 */
function popOf(row: ProfileColumns, hasHistory: boolean): PopCustomer {
  const customer = JSON.parse(row.customer ?? 'null') as CustomerInfo;
  const preferences = row.preferences ? (JSON.parse(row.preferences) as Preferences) : noPreferences;
  const primary = primaryAddress(JSON.parse(row.addresses) as Address[]);
  return {
    returning: hasHistory,
    type: customer.type,
    status: customer.status,
    primaryAddress: primary,
    equipment: equipmentSummary(equipmentAt(JSON.parse(row.equipment) as Equipment[], primary)),
    nextVisit: null,
    preferredChannel: preferences.channel,
    consent: preferences.consent,
    contactWindows: preferences.windows.map(describeWindow).join('; '),
    language: preferences.language,
    fromAccount: null,
  };
}

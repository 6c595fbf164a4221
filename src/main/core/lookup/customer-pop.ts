import type Database from 'better-sqlite3';
import type { PopCustomer } from '../../../shared/api/line';
import { describeVisit, type Appointment } from '../../../shared/domain/appointment';
import {
  describeWindow,
  equipmentSummary,
  noPreferences,
  primaryAddress,
  type Address,
  type CustomerInfo,
  type Equipment,
  type Preferences,
} from '../../../shared/domain/customer';
import { localTimeIn } from '../../../shared/domain/time';

interface ProfileRow {
  customer: string | null;
  addresses: string;
  equipment: string;
  preferences: string | null;
  next_visit: string | null;
}

/**
 * The customer part of a contact's pop: one point read of the contact's profile columns
 * and, in the same statement, a seek on (contact_id, starts_at) for the next scheduled
 * visit. Only run for contacts that matched, so a ring from an unknown number costs nothing.
 */
export function createCustomerPop(
  sqlite: Database.Database,
): (contactId: string, hasHistory: boolean, nowIso: string) => PopCustomer | null {
  const read = sqlite.prepare<[string, string, string], ProfileRow>(
    `SELECT customer, addresses, equipment, preferences,
            (SELECT json_object('id', id, 'date', date, 'windowFrom', window_from, 'windowUntil', window_until,
                                'timeZone', time_zone, 'serviceType', service_type)
               FROM appointments
              WHERE contact_id = ? AND status = 'scheduled' AND ends_at > ?
              ORDER BY starts_at, id LIMIT 1) AS next_visit
       FROM contacts WHERE id = ?`,
  );
  return (contactId, hasHistory, nowIso) => {
    const row = read.get(contactId, nowIso, contactId);
    if (!row?.customer) return null;
    const customer = JSON.parse(row.customer) as CustomerInfo;
    const preferences = row.preferences ? (JSON.parse(row.preferences) as Preferences) : noPreferences;
    const next = row.next_visit
      ? (JSON.parse(row.next_visit) as Pick<
          Appointment,
          'id' | 'date' | 'windowFrom' | 'windowUntil' | 'timeZone' | 'serviceType'
        >)
      : null;
    return {
      returning: hasHistory,
      type: customer.type,
      status: customer.status,
      primaryAddress: primaryAddress(JSON.parse(row.addresses) as Address[]),
      equipment: equipmentSummary(JSON.parse(row.equipment) as Equipment[]),
      nextVisit: next
        ? {
            id: next.id,
            label: describeVisit(next, localTimeIn(next.timeZone, nowIso).local.slice(0, 10)),
            serviceType: next.serviceType,
          }
        : null,
      preferredChannel: preferences.channel,
      consent: preferences.consent,
      contactWindows: preferences.windows.map(describeWindow).join('; '),
      language: preferences.language,
    };
  };
}

import type Database from 'better-sqlite3';
import type { PopCustomer } from '../../../shared/api/line';
import { describeVisit } from '../../../shared/domain/appointment';
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
import type { CallerCard, CardVisit } from './caller-card';

/** An account's profile columns as stored: JSON text (migration 0020). */
interface AccountProfileRow {
  name: string;
  customer: string | null;
  addresses: string;
  equipment: string;
  preferences: string | null;
}

/** A profile's parts, parsed: what the pop shows of a contact's or an account's. */
interface ProfileParts {
  customer: CustomerInfo;
  primaryAddress: Address | null;
  equipment: readonly Equipment[];
  preferences: Preferences | null;
}

export interface CustomerPop {
  /** A contact's own profile (from the card), else their account's; null when neither has one. */
  ofContact(contactId: string, card: CallerCard, nowIso: string): PopCustomer | null;
  /** An account's profile, when the number is the account's own. */
  ofAccount(accountId: string, card: CallerCard): PopCustomer | null;
}

/**
 * The customer part of a pop. A contact's own profile and the five latest scheduled
 * visits are in its caller card (migration 0018), so that case is no read at all,
 * except for a customer with more than five scheduled visits, whose next one may be
 * older than the five: that rare case seeks (contact_id, starts_at). A contact without a
 * profile of their own shows their account's: one primary-key read of the account, only
 * when the card names an account. An account's own number: the same read.
 */
export function createCustomerPop(sqlite: Database.Database): CustomerPop {
  const nextVisit = sqlite.prepare<[string, string], CardVisit>(
    `SELECT id, date, window_from AS windowFrom, window_until AS windowUntil, time_zone AS timeZone,
            service_type AS serviceType, starts_at AS startsAt, ends_at AS endsAt
       FROM appointments
      WHERE contact_id = ? AND status = 'scheduled' AND ends_at > ?
      ORDER BY starts_at, id LIMIT 1`,
  );
  const readAccount = sqlite.prepare<[string], AccountProfileRow>(
    `SELECT name, customer, addresses, equipment, preferences FROM accounts WHERE id = ?`,
  );

  /** The earliest scheduled visit whose window has not ended (ISO instants compare as text). */
  function next(contactId: string, card: CallerCard, nowIso: string): CardVisit | null {
    if (card.moreVisits) return nextVisit.get(contactId, nowIso) ?? null;
    const visits = card.visits ?? [];
    // Newest first: walking from the end meets them by (starts_at, id) ascending.
    for (let i = visits.length - 1; i >= 0; i--) {
      if (visits[i]!.endsAt > nowIso) return visits[i]!;
    }
    return null;
  }

  function accountParts(accountId: string): (ProfileParts & { name: string }) | null {
    const row = readAccount.get(accountId);
    if (!row?.customer) return null;
    return {
      name: row.name,
      customer: JSON.parse(row.customer) as CustomerInfo,
      primaryAddress: primaryAddress(JSON.parse(row.addresses) as Address[]),
      equipment: JSON.parse(row.equipment) as Equipment[],
      preferences: row.preferences ? (JSON.parse(row.preferences) as Preferences) : null,
    };
  }

  return {
    ofContact(contactId, card, nowIso) {
      const returning = card.recentCalls.length > 0;
      if (card.customer) {
        const own: ProfileParts = {
          customer: card.customer,
          primaryAddress: card.primaryAddress ?? null,
          equipment: card.equipment ?? [],
          preferences: card.preferences ?? null,
        };
        const visit = next(contactId, card, nowIso);
        return {
          ...popOf(own, returning),
          nextVisit: visit
            ? {
                id: visit.id,
                label: describeVisit(visit, localTimeIn(visit.timeZone, nowIso).local.slice(0, 10)),
                serviceType: visit.serviceType,
              }
            : null,
        };
      }
      const accountId = card.account?.id;
      const account = accountId ? accountParts(accountId) : null;
      if (!accountId || !account) return null;
      return { ...popOf(account, returning), fromAccount: { id: accountId, name: account.name } };
    },
    ofAccount(accountId, card) {
      const account = accountParts(accountId);
      return account ? popOf(account, card.recentCalls.length > 0) : null;
    },
  };
}

/**
 * A profile as the pop shows it: the primary address with how to get in, and the
 * equipment there (what is tied to no site counts everywhere). No next visit: the caller
 * adds a contact's.
 */
function popOf(parts: ProfileParts, returning: boolean): PopCustomer {
  const preferences = parts.preferences ?? noPreferences;
  return {
    returning,
    type: parts.customer.type,
    status: parts.customer.status,
    primaryAddress: parts.primaryAddress,
    equipment: equipmentSummary(equipmentAt(parts.equipment, parts.primaryAddress)),
    nextVisit: null,
    preferredChannel: preferences.channel,
    consent: preferences.consent,
    contactWindows: preferences.windows.map(describeWindow).join('; '),
    language: preferences.language,
    fromAccount: null,
  };
}

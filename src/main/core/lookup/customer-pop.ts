import type Database from 'better-sqlite3';
import type { PopCustomer } from '../../../shared/api/line';
import { describeVisit } from '../../../shared/domain/appointment';
import { describeWindow, equipmentSummary, noPreferences } from '../../../shared/domain/customer';
import { localTimeIn } from '../../../shared/domain/time';
import type { CallerCard, CardVisit } from './caller-card';

/**
 * The customer part of a contact's pop, from its caller card (migration 0018): the card
 * holds the profile and the five latest scheduled visits, so this is no read at all,
 * except for a customer with more than five scheduled visits, whose next one may be
 * older than the five: that rare case seeks (contact_id, starts_at) as the pop used to.
 */
export function createCustomerPop(
  sqlite: Database.Database,
): (contactId: string, card: CallerCard, nowIso: string) => PopCustomer | null {
  const nextVisit = sqlite.prepare<[string, string], CardVisit>(
    `SELECT id, date, window_from AS windowFrom, window_until AS windowUntil, time_zone AS timeZone,
            service_type AS serviceType, starts_at AS startsAt, ends_at AS endsAt
       FROM appointments
      WHERE contact_id = ? AND status = 'scheduled' AND ends_at > ?
      ORDER BY starts_at, id LIMIT 1`,
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

  return (contactId, card, nowIso) => {
    const customer = card.customer;
    if (!customer) return null;
    const preferences = card.preferences ?? noPreferences;
    const visit = next(contactId, card, nowIso);
    return {
      returning: card.recentCalls.length > 0,
      type: customer.type,
      status: customer.status,
      primaryAddress: card.primaryAddress ?? null,
      equipment: equipmentSummary(card.equipment ?? []),
      nextVisit: visit
        ? {
            id: visit.id,
            label: describeVisit(visit, localTimeIn(visit.timeZone, nowIso).local.slice(0, 10)),
            serviceType: visit.serviceType,
          }
        : null,
      preferredChannel: preferences.channel,
      consent: preferences.consent,
      contactWindows: preferences.windows.map(describeWindow).join('; '),
      language: preferences.language,
    };
  };
}

import type { PopCall, PopMatch, PopTask } from '../../../shared/api/line';
import type { Appointment } from '../../../shared/domain/appointment';
import type { Address, CustomerInfo, Equipment, Preferences } from '../../../shared/domain/customer';
import { displayName } from '../../../shared/domain/directory';

/**
 * A caller card: the part of a screen-pop match that does not depend on the clock or on
 * which of the owner's numbers rang, stored pre-serialized in `caller_cards.card` (one
 * row per contact, lead and account) and kept current by triggers (migration
 * 0005_screen_pop_cards, which explains why triggers). This is its shape as the
 * triggers' `json_object` writes it; `recentCalls` and `openTasks` are already in the
 * API's shape, so reading a card is one JSON.parse and no per-call mapping.
 */
export interface CallerCard {
  /** An account's name; null for a person, whose name is made from first and last. */
  name: string | null;
  firstName: string | null;
  lastName: string | null;
  title: string;
  account: { id: string | null; name: string } | null;
  tags: string[];
  doNotContact: boolean;
  doNotContactReason: string | null;
  /** The owner's own zone. */
  zone: string | null;
  /** A contact's account's zone, used when the contact has none (or one the runtime does not know). */
  accountZone: string | null;
  /** Newest first, at most five: calls with the person as participant or as related record. */
  recentCalls: PopCall[];
  /** Soonest due first (undated last), at most five. */
  openTasks: PopTask[];
  /**
   * A contact's customer profile (migration 0018); null or absent for a contact without
   * one, a lead or an account. The rest is only read when it is set.
   */
  customer?: CustomerInfo | null;
  /** The marked primary address, else the first. */
  primaryAddress?: Address | null;
  equipment?: Equipment[] | null;
  preferences?: Preferences | null;
  /** The five latest scheduled visits, newest first: the pop picks the next one by the clock. */
  visits?: CardVisit[];
  /** More than five are scheduled: the next one may not be among `visits`. */
  moreVisits?: boolean;
}

export type CardVisit = Pick<
  Appointment,
  'id' | 'date' | 'windowFrom' | 'windowUntil' | 'timeZone' | 'serviceType' | 'startsAt' | 'endsAt'
>;

export type OwnerType = PopMatch['type'];

/** The match for one owner, given its card, the matched phone's kind and its local time. */
export function matchFromCard(
  type: OwnerType,
  id: string,
  card: CallerCard,
  phoneKind: string,
  localTime: PopMatch['localTime'],
): PopMatch {
  return {
    type,
    id,
    name: card.name ?? displayName({ firstName: card.firstName ?? '', lastName: card.lastName ?? '' }),
    title: card.title,
    account: card.account,
    tags: card.tags,
    doNotContact: card.doNotContact,
    doNotContactReason: card.doNotContactReason,
    phoneKind,
    localTime,
    recentCalls: card.recentCalls,
    openTasks: card.openTasks,
    customer: null,
  };
}

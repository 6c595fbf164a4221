import type Database from 'better-sqlite3';
import { isE164 } from '../../../shared/domain/phone';
import type { LocalTimeView, PopMatch, ScreenPop } from '../../../shared/api/line';
import { matchFromCard, type CallerCard, type OwnerType } from './caller-card';
import { describeNumber, type NumberFacts } from './number-facts';
import { createCustomerPop } from './customer-pop';
import { createLocalTimeCache } from './local-time-cache';

/**
 * Caller recognition for the screen pop: everything the agent sees before answering.
 *
 * One prepared statement, two index seeks: `phones_e164_idx` finds who owns the number,
 * and each owner's caller card (`caller_cards`, primary key) holds the rest — name,
 * account, title, tags, do-not-contact, zones, the last five calls, the open tasks and
 * a customer's profile and scheduled visits — as one JSON document that triggers keep
 * current on every write (migrations 0005_screen_pop_cards, 0018_pop_customer_cards). Reading the pop therefore costs about what reading the number
 * costs; the work of finding the last five calls moved to the writes, which are rare
 * next to rings and happen while no phone is waiting. What depends on the number (its
 * display form, its country's zone) was derived when the phone row was written and sits
 * on the card's row (migration 0007); only an unknown number, or a row written without
 * them, is parsed here. What depends on the moment (the caller's local time) is added here.
 *
 * Raw better-sqlite3 rather than drizzle: this runs while a phone rings, on stores with
 * a million contacts, and query building and row mapping would cost more than the
 * seeks (see `npm run bench`).
 */

interface OwnerCardRow {
  owner_type: OwnerType;
  owner_id: string;
  kind: string;
  card: string;
  /** The number's facts as derived when the phone row was written; NULL if its writer did not (migration 0007). */
  display: string | null;
  country_zone: string | null;
}

export interface ScreenPopLookup {
  /** The full pop for a number (E.164, or any other caller address, which matches nobody). */
  lookup(number: string): ScreenPop;
  /** Only who owns the number, without history: for click-to-dial. */
  owners(e164: string): { type: OwnerType; id: string }[];
}

// People first (the agent talks to a person), then accounts; by name within a type, and
// by id between namesakes so the order never depends on which row the index gave first.
const typeOrder: Record<OwnerType, number> = { contact: 0, lead: 1, account: 2 };

export function createScreenPopLookup(sqlite: Database.Database, now: () => Date): ScreenPopLookup {
  // The join reads only the phones index (e164 → phone id, a covering seek) and the card
  // row by its integer key: the same two seeks as reading the phone row itself. A phone
  // whose owner does not exist has a NULL card and matches nobody, as before the cards.
  const cards = sqlite.prepare<[string], OwnerCardRow>(
    `SELECT c.owner_type, c.owner_id, c.kind, c.card, c.display, c.country_zone
       FROM phones p JOIN caller_cards c ON c.phone_id = p.id
      WHERE p.e164 = ? AND c.card IS NOT NULL`,
  );
  const owners = sqlite.prepare<[string], { owner_type: OwnerType; owner_id: string }>(
    `SELECT owner_type, owner_id FROM phones WHERE e164 = ? GROUP BY owner_type, owner_id`,
  );
  const clock = createLocalTimeCache();
  const customerOf = createCustomerPop(sqlite);

  /** The caller's wall clock; a zone the runtime does not know shows no time rather than failing the pop. */
  function timeIn(zone: string | null, source: LocalTimeView['source'], at: number): LocalTimeView | null {
    if (!zone) return null;
    try {
      return { ...clock.localTime(zone, at), zone, source };
    } catch {
      return null;
    }
  }

  function matchOf(row: OwnerCardRow, at: number): PopMatch {
    const card = JSON.parse(row.card) as CallerCard;
    const localTime =
      row.owner_type === 'account'
        ? timeIn(card.zone, 'account', at)
        : (timeIn(card.zone, 'contact', at) ?? timeIn(card.accountZone, 'account', at));
    const match = matchFromCard(row.owner_type, row.owner_id, card, row.kind, localTime);
    if (row.owner_type === 'contact') {
      match.customer = customerOf.ofContact(row.owner_id, card, new Date(at).toISOString());
    } else if (row.owner_type === 'account') {
      match.customer = customerOf.ofAccount(row.owner_id, card);
    }
    return match;
  }

  /**
   * One row per owner: an owner holding the number twice (work and mobile) is one match,
   * shown with the first of its kinds in alphabetical order, as the agent has always seen.
   */
  function distinctOwners(rows: OwnerCardRow[]): OwnerCardRow[] {
    if (rows.length < 2) return rows;
    const byOwner = new Map<string, OwnerCardRow>();
    for (const row of rows) {
      const key = `${row.owner_type}:${row.owner_id}`;
      const seen = byOwner.get(key);
      if (!seen || row.kind < seen.kind) byOwner.set(key, row);
    }
    return [...byOwner.values()];
  }

  /**
   * Every row is the same number, so any row's stored facts are the number's. A NULL
   * display means the row's writer did not derive them (an older row, a path that skipped
   * phoneRowValues): derive them now rather than show nothing.
   */
  function numberFacts(number: string, rows: OwnerCardRow[]): NumberFacts {
    for (const row of rows) {
      if (row.display !== null) return { display: row.display, zone: row.country_zone };
    }
    return describeNumber(number);
  }

  return {
    lookup(number) {
      const at = now().getTime();
      if (!isE164(number)) {
        return { number, numberDisplay: number, matches: [], numberLocalTime: null };
      }
      const rows = cards.all(number);
      const matches = distinctOwners(rows).map((row) => matchOf(row, at));
      if (matches.length > 1) {
        matches.sort(
          (a, b) => typeOrder[a.type] - typeOrder[b.type] || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1),
        );
      }
      const facts = numberFacts(number, rows);
      const needsNumberTime = matches.every((m) => m.localTime === null);
      return {
        number,
        numberDisplay: facts.display,
        matches,
        numberLocalTime: needsNumberTime ? timeIn(facts.zone, 'number', at) : null,
      };
    },
    owners(e164) {
      return owners
        .all(e164)
        .map((o) => ({ type: o.owner_type, id: o.owner_id }))
        .sort((a, b) => typeOrder[a.type] - typeOrder[b.type]);
    },
  };
}

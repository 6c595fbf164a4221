import type Database from 'better-sqlite3';
import type { LocalTimeView, PopCall, PopMatch, PopTask, ScreenPop } from '../../../../src/shared/api/line';
import { displayName } from '../../../../src/shared/domain/directory';
import { formatPhoneForDisplay } from '../../../../src/shared/domain/phone';
import { localTimeIn } from '../../../../src/shared/domain/time';
import { zoneOfNumber } from '../../../../src/main/core/lookup/country-zones';

/**
 * REFERENCE ONLY (tests): the screen pop computed from scratch by the query path the
 * app used before caller cards (migration 0005) — the owner, a contact's account, the
 * calls by participant and by related record merged in JS, the open tasks — and the
 * uncached time rule `localTimeIn`. The card-based lookup must equal it after any
 * sequence of writes (caller-cards.property.test.ts).
 *
 * Two deliberate differences from the old code, both about ties it left to chance:
 * calls at the same instant are ordered newest row first (seq), also across the two
 * lists, and each call is listed once even when only one list has rows; matches of the
 * same type and name are ordered by id.
 */

const RECENT_CALLS = 5;
const OPEN_TASKS = 5;

type OwnerType = PopMatch['type'];

interface OwnerRow {
  owner_type: OwnerType;
  owner_id: string;
  kind: string;
}

interface PersonRow {
  id: string;
  first_name: string;
  last_name: string;
  title: string;
  tags: string;
  do_not_contact: number;
  do_not_contact_reason: string | null;
  time_zone: string | null;
  account_id: string | null;
  account_name: string | null;
  account_zone: string | null;
}

interface AccountRow {
  id: string;
  name: string;
  time_zone: string | null;
}

interface CallRow {
  seq: number;
  id: string;
  direction: PopCall['direction'];
  status: PopCall['status'];
  status_reason: string | null;
  subject: string;
  sort_at: string;
  duration_seconds: number | null;
  disposition_code: string | null;
  outcome_text: string;
}

interface TaskRow {
  id: string;
  subject: string;
  due_at: string | null;
  priority: string;
}

export interface ReferenceLookup {
  /** The full pop for a number (E.164, or any other caller address, which matches nobody). */
  lookup(number: string): ScreenPop;
  /** Only who owns the number, without history: for click-to-dial. */
  owners(e164: string): { type: OwnerType; id: string }[];
}

function prepareStatements(sqlite: Database.Database) {
  const callColumns = `seq, id, direction, status, status_reason, subject, sort_at, duration_seconds, disposition_code, outcome_text`;
  return {
    owners: sqlite.prepare<[string], OwnerRow>(
      `SELECT owner_type, owner_id, min(kind) AS kind FROM phones WHERE e164 = ? GROUP BY owner_type, owner_id`,
    ),
    contact: sqlite.prepare<[string], PersonRow>(
      `SELECT c.id, c.first_name, c.last_name, c.title, c.tags, c.do_not_contact, c.do_not_contact_reason,
              c.time_zone, c.account_id, a.name AS account_name, a.time_zone AS account_zone
         FROM contacts c LEFT JOIN accounts a ON a.id = c.account_id
        WHERE c.id = ?`,
    ),
    lead: sqlite.prepare<[string], PersonRow>(
      `SELECT id, first_name, last_name, title, tags, do_not_contact, do_not_contact_reason, time_zone,
              NULL AS account_id, company AS account_name, NULL AS account_zone
         FROM leads WHERE id = ?`,
    ),
    account: sqlite.prepare<[string], AccountRow>(`SELECT id, name, time_zone FROM accounts WHERE id = ?`),
    // Two seeks merged in JS rather than an OR or a UNION in SQL: each is a plain index
    // walk, where the combined forms cost SQLite three temporary sort trees.
    participantCalls: sqlite.prepare<[string], CallRow>(
      `SELECT ${callColumns.replace(/(\w+)/g, 'c.$1')} FROM call_participants p JOIN calls c ON c.id = p.call_id
        WHERE p.participant_id = ? ORDER BY c.sort_at DESC, c.seq DESC LIMIT ${RECENT_CALLS}`,
    ),
    relatedCalls: sqlite.prepare<[string, string], CallRow>(
      `SELECT ${callColumns} FROM calls WHERE related_type = ? AND related_id = ?
        ORDER BY sort_at DESC, seq DESC LIMIT ${RECENT_CALLS}`,
    ),
    openTasks: sqlite.prepare<[string, string], TaskRow>(
      `SELECT id, subject, due_at, priority FROM tasks
        WHERE related_type = ? AND related_id = ? AND status = 'Open'
        ORDER BY due_at IS NULL, due_at, id LIMIT ${OPEN_TASKS}`,
    ),
  };
}

function toPopCall(row: CallRow): PopCall {
  return {
    id: row.id,
    direction: row.direction,
    status: row.status,
    statusReason: row.status_reason,
    subject: row.subject,
    at: row.sort_at,
    durationSeconds: row.duration_seconds,
    dispositionCode: row.disposition_code,
    outcomeText: row.outcome_text,
  };
}

/** The newest five of two newest-first lists, each call once. */
function newestCalls(a: CallRow[], b: CallRow[]): PopCall[] {
  const seen = new Set<string>();
  return [...a, ...b]
    .sort((x, y) => (x.sort_at < y.sort_at ? 1 : x.sort_at > y.sort_at ? -1 : y.seq - x.seq))
    .filter((row) => !seen.has(row.id) && seen.add(row.id))
    .slice(0, RECENT_CALLS)
    .map(toPopCall);
}

function toPopTask(row: TaskRow): PopTask {
  return { id: row.id, subject: row.subject, dueAt: row.due_at, priority: row.priority };
}

function parseTags(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

export function createReferenceLookup(sqlite: Database.Database, now: () => Date): ReferenceLookup {
  const q = prepareStatements(sqlite);

  /** The caller's wall clock; a zone the runtime does not know shows no time rather than failing the pop. */
  function timeIn(zone: string | null, source: LocalTimeView['source'], at: number): LocalTimeView | null {
    if (!zone) return null;
    try {
      return { ...localTimeIn(zone, new Date(at).toISOString()), zone, source };
    } catch {
      return null;
    }
  }

  function personMatch(type: 'contact' | 'lead', row: PersonRow, kind: string, at: number): PopMatch {
    return {
      type,
      id: row.id,
      name: displayName({ firstName: row.first_name, lastName: row.last_name }),
      title: row.title,
      account:
        type === 'contact'
          ? row.account_id && row.account_name !== null
            ? { id: row.account_id, name: row.account_name }
            : null
          : row.account_name
            ? { id: null, name: row.account_name }
            : null,
      tags: parseTags(row.tags),
      doNotContact: row.do_not_contact === 1,
      doNotContactReason: row.do_not_contact_reason,
      phoneKind: kind,
      localTime: timeIn(row.time_zone, 'contact', at) ?? timeIn(row.account_zone, 'account', at),
      recentCalls: newestCalls(q.participantCalls.all(row.id), q.relatedCalls.all(type, row.id)),
      openTasks: q.openTasks.all(type, row.id).map(toPopTask),
      customer: null,
    };
  }

  function accountMatch(row: AccountRow, kind: string, at: number): PopMatch {
    return {
      type: 'account',
      id: row.id,
      name: row.name,
      title: '',
      account: { id: row.id, name: row.name },
      tags: [],
      doNotContact: false,
      doNotContactReason: null,
      phoneKind: kind,
      localTime: timeIn(row.time_zone, 'account', at),
      recentCalls: newestCalls([], q.relatedCalls.all('account', row.id)),
      openTasks: q.openTasks.all('account', row.id).map(toPopTask),
      customer: null,
    };
  }

  function matchOf(owner: OwnerRow, at: number): PopMatch | null {
    switch (owner.owner_type) {
      case 'contact': {
        const row = q.contact.get(owner.owner_id);
        return row ? personMatch('contact', row, owner.kind, at) : null;
      }
      case 'lead': {
        const row = q.lead.get(owner.owner_id);
        return row ? personMatch('lead', row, owner.kind, at) : null;
      }
      case 'account': {
        const row = q.account.get(owner.owner_id);
        return row ? accountMatch(row, owner.kind, at) : null;
      }
    }
  }

  // People first (the agent talks to a person), then accounts; by name within a type.
  const typeOrder: Record<OwnerType, number> = { contact: 0, lead: 1, account: 2 };

  return {
    lookup(number) {
      const at = now().getTime();
      const isPhone = /^\+[1-9]\d{1,14}$/.test(number);
      const matches = isPhone
        ? q.owners
            .all(number)
            .map((owner) => matchOf(owner, at))
            .filter((m): m is PopMatch => m !== null)
            .sort(
              (a, b) => typeOrder[a.type] - typeOrder[b.type] || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1),
            )
        : [];
      const needsNumberTime = matches.every((m) => m.localTime === null);
      return {
        number,
        numberDisplay: isPhone ? formatPhoneForDisplay(number) : number,
        matches,
        numberLocalTime: isPhone && needsNumberTime ? timeIn(zoneOfNumber(number), 'number', at) : null,
      };
    },
    owners(e164) {
      return q.owners
        .all(e164)
        .map((o) => ({ type: o.owner_type, id: o.owner_id }))
        .sort((a, b) => typeOrder[a.type] - typeOrder[b.type]);
    },
  };
}

/** A phone row's number facts and their copy on its caller-card row (migration 0007). */
export interface PhoneFactsRow {
  phoneId: number;
  display: string | null;
  countryZone: string | null;
  cardDisplay: string | null;
  cardCountryZone: string | null;
}

/**
 * What every phone row (and its card row) should hold after writes through phoneRowValues:
 * the display form and country zone the pop showed before 0007, derived from e164 by the
 * same functions this reference pop uses, independently of the app's number-facts module.
 */
export function referencePhoneFacts(sqlite: Database.Database): PhoneFactsRow[] {
  const rows = sqlite.prepare('SELECT id, e164 FROM phones ORDER BY id').all() as { id: number; e164: string }[];
  return rows.map(({ id, e164 }) => {
    const display = formatPhoneForDisplay(e164);
    const zone = zoneOfNumber(e164);
    return { phoneId: id, display, countryZone: zone, cardDisplay: display, cardCountryZone: zone };
  });
}

/** What the store holds; a phone without a card row shows NULL card facts. */
export function storedPhoneFacts(sqlite: Database.Database): PhoneFactsRow[] {
  return sqlite
    .prepare(
      `SELECT p.id AS phoneId, p.display, p.country_zone AS countryZone,
              c.display AS cardDisplay, c.country_zone AS cardCountryZone
         FROM phones p LEFT JOIN caller_cards c ON c.phone_id = p.id ORDER BY p.id`,
    )
    .all() as PhoneFactsRow[];
}

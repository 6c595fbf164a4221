import type Database from 'better-sqlite3';
import type {
  CallQualitySummary,
  CallReview,
  CallTranscript,
  CallRecord,
  CallStatus,
  CallDirection,
  RelatedType,
} from '../../../../shared/domain/call';
import type { Db } from '../client';
import { ftsMatchQuery } from './search-text';

/**
 * Reading calls: the call log, the Schedule's week, timelines, one call. These run on
 * every list the agent opens, so they skip the query builder: the SQL is plain text
 * with `?` parameters, each distinct text is prepared once per connection and kept, and
 * rows come back already named as the record needs them. Building the same query
 * through drizzle on each call (and binding a placeholder per id) cost more than the
 * query itself; test/bench/reminders.ts measures the Schedule's week at 100,000 calls.
 */

export interface RelatedKey {
  type: RelatedType;
  id: string;
}

export interface CallFilter {
  status?: CallStatus[];
  direction?: CallDirection;
  related?: RelatedKey;
  participantId?: string;
  /**
   * A timeline: calls whose related record is any of these, or where any of these
   * people took part (OR between them; AND with the other filters).
   */
  linkedTo?: { related: RelatedKey[]; participantIds: string[] };
  /** Free text over subject, outcome, participant names and the call's notes. */
  search?: string;
  /**
   * The search read as a phone number (E.164, see `phoneSearchKey`): calls from or to
   * it match too, whatever the text search finds.
   */
  searchNumber?: string | null;
  /** Only these calls. */
  ids?: string[];
  /** Planned at or after this instant (a schedule's first day). */
  plannedFrom?: string;
  /** Planned before this instant (the day after a schedule's last). */
  plannedTo?: string;
  /** `recent` (default): newest first; `planned`: soonest planned first, unplanned last. */
  sort?: 'recent' | 'planned';
  limit: number;
  offset: number;
}

/** The statements a connection has prepared, by text; a few dozen shapes at most in practice. */
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();
const MAX_STATEMENTS = 64;

export function prepared(sqlite: Database.Database, text: string): Database.Statement {
  let cache = statements.get(sqlite);
  if (!cache) statements.set(sqlite, (cache = new Map()));
  const found = cache.get(text);
  if (found) return found;
  // Oldest out first: an unusual filter shape must not let the cache grow without bound.
  if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value as string);
  const statement = sqlite.prepare(text);
  cache.set(text, statement);
  return statement;
}

/** The connection under the repositories' drizzle database (drizzle keeps it as `$client`). */
export function sqliteOf(db: Db): Database.Database {
  const client = (db as Db & { $client?: Database.Database }).$client;
  if (!client) throw new Error('Calls are read through the local database itself, not a drizzle transaction.');
  return client;
}

export const CALL_COLUMNS = `seq, id, direction, subject, status, status_reason as statusReason,
  planned_local as plannedLocal, planned_zone as plannedZone, planned_utc as plannedUtc,
  actual_start as actualStart, actual_end as actualEnd, duration_seconds as durationSeconds,
  disposition_code as dispositionCode, outcome_text as outcomeText, related_type as relatedType,
  related_id as relatedId, related_name as relatedName, owner_id as ownerId, team_id as teamId,
  from_number as fromNumber, to_number as toNumber, provider_call_id as providerCallId,
  recording_url as recordingUrl, quality, review, transcript, wrapped_up_at as wrappedUpAt, created_at as createdAt,
  updated_at as updatedAt,
  is_demo as isDemo`;

export interface CallRow {
  id: string;
  direction: CallRecord['direction'];
  subject: string;
  status: CallStatus;
  statusReason: string | null;
  plannedLocal: string | null;
  plannedZone: string | null;
  plannedUtc: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  durationSeconds: number | null;
  dispositionCode: string | null;
  outcomeText: string;
  relatedType: RelatedType | null;
  relatedId: string | null;
  relatedName: string | null;
  ownerId: string;
  teamId: string | null;
  fromNumber: string | null;
  toNumber: string | null;
  providerCallId: string | null;
  recordingUrl: string | null;
  quality: string | null;
  review: string | null;
  transcript: string | null;
  wrappedUpAt: string | null;
  createdAt: string;
  updatedAt: string;
  isDemo: number;
}

interface ParticipantRow {
  callId: string;
  kind: CallRecord['participants'][number]['kind'];
  id: string;
  role: CallRecord['participants'][number]['role'];
  name: string;
}

interface HistoryRow {
  callId: string;
  from: CallStatus | null;
  to: CallStatus;
  reason: string | null;
  at: string;
  by: string;
}

// The page's ids go in as one JSON parameter, so the text is the same for every page.
const PARTICIPANTS = `select call_id as callId, kind, participant_id as id, role, name from call_participants
  where call_id in (select value from json_each(?)) order by call_id, position`;
const HISTORY = `select call_id as callId, from_status as "from", to_status as "to", reason, at, "by"
  from call_status_history where call_id in (select value from json_each(?)) order by call_id, seq`;

export function toRecords(sqlite: Database.Database, rows: CallRow[]): CallRecord[] {
  if (rows.length === 0) return [];
  const ids = JSON.stringify(rows.map((r) => r.id));
  const peopleOf = groupBy(prepared(sqlite, PARTICIPANTS).all(ids) as ParticipantRow[]);
  const historyOf = groupBy(prepared(sqlite, HISTORY).all(ids) as HistoryRow[]);
  return rows.map((row) => ({
    id: row.id,
    direction: row.direction,
    subject: row.subject,
    status: row.status,
    statusReason: row.statusReason,
    plannedStart:
      row.plannedLocal && row.plannedZone && row.plannedUtc
        ? { local: row.plannedLocal, zone: row.plannedZone, utc: row.plannedUtc }
        : null,
    actualStart: row.actualStart,
    actualEnd: row.actualEnd,
    durationSeconds: row.durationSeconds,
    outcome: { dispositionCode: row.dispositionCode, text: row.outcomeText },
    participants: (peopleOf.get(row.id) ?? []).map(({ kind, id, role, name }) => ({ kind, id, role, name })),
    related:
      row.relatedType && row.relatedId
        ? { type: row.relatedType, id: row.relatedId, name: row.relatedName ?? '' }
        : null,
    ownerId: row.ownerId,
    teamId: row.teamId,
    fromNumber: row.fromNumber,
    toNumber: row.toNumber,
    providerCallId: row.providerCallId,
    recordingUrl: row.recordingUrl,
    quality: row.quality === null ? null : (JSON.parse(row.quality) as CallQualitySummary),
    // Left out when there is none (both are optional on the record).
    ...(row.review === null ? {} : { review: JSON.parse(row.review) as CallReview }),
    ...(row.transcript === null ? {} : { transcript: JSON.parse(row.transcript) as CallTranscript }),
    wrappedUpAt: row.wrappedUpAt,
    history: (historyOf.get(row.id) ?? []).map(({ from, to, reason, at, by }) => ({ from, to, reason, at, by })),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    isDemo: row.isDemo === 1,
  }));
}

function groupBy<T extends { callId: string }>(items: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.callId);
    if (group) group.push(item);
    else groups.set(item.callId, [item]);
  }
  return groups;
}

export function getCall(db: Db, id: string): CallRecord | null {
  const sqlite = sqliteOf(db);
  const row = prepared(sqlite, `select ${CALL_COLUMNS} from calls where id = ?`).get(id) as CallRow | undefined;
  return row ? (toRecords(sqlite, [row])[0] ?? null) : null;
}

/** A WHERE clause's text and its parameters, in order. */
export interface Where {
  text: string[];
  params: unknown[];
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

function relatedIs(where: Where, key: RelatedKey): string {
  where.params.push(key.type, key.id);
  return '(related_type = ? and related_id = ?)';
}

// `id in (select call_id … where participant_id in (…))` lets SQLite drive from the
// participant index and look each call up by id, however many calls there are.
function hasParticipant(where: Where, ids: string[]): string {
  where.params.push(JSON.stringify(ids));
  return 'id in (select call_id from call_participants where participant_id in (select value from json_each(?)))';
}

function whereOf(filter: CallFilter): Where {
  const where: Where = { text: [], params: [] };
  const add = (text: string, ...params: unknown[]) => {
    where.text.push(text);
    where.params.push(...params);
  };
  // The statuses as literal placeholders, not a JSON list: `status in (?)` is then an
  // equality SQLite can seek, and the week's range below stays in index order.
  if (filter.status && filter.status.length > 0) add(`status in (${marks(filter.status.length)})`, ...filter.status);
  if (filter.direction) add('direction = ?', filter.direction);
  // Both bounds on planned_utc alone, so the (status, planned_utc) index serves a week as
  // one range seek in planned order, and its count reads that index alone.
  if (filter.plannedFrom) add('planned_utc >= ?', filter.plannedFrom);
  if (filter.plannedTo) add('planned_utc < ?', filter.plannedTo);
  if (filter.related) where.text.push(relatedIs(where, filter.related));
  if (filter.participantId) where.text.push(hasParticipant(where, [filter.participantId]));
  if (filter.linkedTo) {
    const links = filter.linkedTo.related.map((key) => relatedIs(where, key));
    if (filter.linkedTo.participantIds.length > 0) links.push(hasParticipant(where, filter.linkedTo.participantIds));
    // Linked to nothing means no calls, not every call.
    where.text.push(links.length > 0 ? `(${links.join(' or ')})` : '0');
  }
  if (filter.ids) add('id in (select value from json_each(?))', JSON.stringify(filter.ids));
  searchCondition(where, filter.search, filter.searchNumber ?? null);
  return where;
}

/**
 * A call matches a search by its subject, outcome or participants (calls_fts), by one
 * of its notes (notes_fts), or, when the search is a phone number, by its numbers.
 */
export function searchCondition(where: Where, search: string | undefined, number: string | null): void {
  const alternatives: string[] = [];
  const match = search ? ftsMatchQuery(search) : null;
  if (match) {
    alternatives.push('seq in (select rowid from calls_fts where calls_fts match ?)');
    alternatives.push(`id in (select n.call_id from notes n where n.call_id is not null
      and n.id in (select note_id from notes_fts where notes_fts match ?))`);
    where.params.push(match, match);
  }
  if (number) {
    alternatives.push('(from_number = ? or to_number = ?)');
    where.params.push(number, number);
  }
  if (alternatives.length > 0) where.text.push(`(${alternatives.join(' or ')})`);
}

/**
 * Soonest planned first. A planned range leaves no unplanned calls, so its order is the
 * (status, planned_utc) index's own and needs no sort; otherwise unplanned calls go last
 * in the schedule index's order.
 */
function orderOf(filter: CallFilter): string {
  if (filter.sort !== 'planned') return 'sort_at desc, seq desc';
  if (filter.plannedFrom || filter.plannedTo) return 'planned_utc, seq';
  return 'planned_utc is null, planned_utc, seq';
}

/** The call log, newest first by when it happened (or is planned, or was logged). */
export function listCalls(db: Db, filter: CallFilter): { items: CallRecord[]; total: number } {
  const sqlite = sqliteOf(db);
  const { text, params } = whereOf(filter);
  const clause = text.length > 0 ? ` where ${text.join(' and ')}` : '';
  const page = prepared(
    sqlite,
    `select ${CALL_COLUMNS} from calls${clause} order by ${orderOf(filter)} limit ? offset ?`,
  );
  const rows = page.all(...params, filter.limit, filter.offset) as CallRow[];
  const count = prepared(sqlite, `select count(*) as n from calls${clause}`).get(...params) as { n: number };
  return { items: toRecords(sqlite, rows), total: count.n };
}

/**
 * Lifetime figures of the calls a filter selects (a customer's: `linkedTo`): calls that
 * took place (held or not), those held, and the first and last of them. Planned and
 * cancelled calls never reached the customer, so they are not contacts.
 */
export function callStats(
  db: Db,
  filter: Omit<CallFilter, 'limit' | 'offset' | 'status'>,
): { calls: number; answered: number; firstContactAt: string | null; lastContactAt: string | null } {
  const { text, params } = whereOf({ ...filter, status: ['Held', 'NotHeld'], limit: 0, offset: 0 });
  const row = prepared(
    sqliteOf(db),
    `select count(*) as calls, coalesce(sum(status = 'Held'), 0) as answered,
            min(sort_at) as firstContactAt, max(sort_at) as lastContactAt
       from calls where ${text.join(' and ')}`,
  ).get(...params) as { calls: number; answered: number; firstContactAt: string | null; lastContactAt: string | null };
  return row;
}

import { and, asc, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { CallRecord, CallStatus, CallDirection, RelatedType } from '../../../../shared/domain/call';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../client';
import type { WriteTx } from '../write-tx';
import { callParticipants, calls, callStatusHistory } from '../schema';
import { ftsMatchQuery } from './search-text';

type CallRow = typeof calls.$inferSelect;

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

function callColumns(call: CallRecord) {
  return {
    id: call.id,
    direction: call.direction,
    subject: call.subject,
    status: call.status,
    statusReason: call.statusReason,
    plannedLocal: call.plannedStart?.local ?? null,
    plannedZone: call.plannedStart?.zone ?? null,
    plannedUtc: call.plannedStart?.utc ?? null,
    actualStart: call.actualStart,
    actualEnd: call.actualEnd,
    durationSeconds: call.durationSeconds,
    dispositionCode: call.outcome.dispositionCode,
    outcomeText: call.outcome.text,
    relatedType: call.related?.type ?? null,
    relatedId: call.related?.id ?? null,
    relatedName: call.related?.name ?? null,
    ownerId: call.ownerId,
    teamId: call.teamId,
    fromNumber: call.fromNumber,
    toNumber: call.toNumber,
    providerCallId: call.providerCallId,
    recordingUrl: call.recordingUrl,
    quality: call.quality ?? null,
    createdAt: call.createdAt,
    updatedAt: call.updatedAt,
    isDemo: call.isDemo,
  };
}

function writeParticipants(db: Db, call: CallRecord): void {
  if (call.participants.length === 0) return;
  db.insert(callParticipants)
    .values(
      call.participants.map((p, position) => ({
        callId: call.id,
        position,
        kind: p.kind,
        participantId: p.id,
        role: p.role,
        name: p.name,
      })),
    )
    .run();
}

function writeHistory(db: Db, call: CallRecord, fromSeq: number): void {
  const entries = call.history.slice(fromSeq);
  if (entries.length === 0) return;
  db.insert(callStatusHistory)
    .values(
      entries.map((h, i) => ({
        callId: call.id,
        seq: fromSeq + i,
        fromStatus: h.from,
        toStatus: h.to,
        reason: h.reason,
        at: h.at,
        by: h.by,
      })),
    )
    .run();
}

/**
 * Writes a new call with its participants and history. Callers wrap it in a
 * transaction together with whatever else belongs to the same change (the outbox row).
 */
export function insertCall(tx: WriteTx, call: CallRecord): void {
  const { db } = tx;
  db.insert(calls).values(callColumns(call)).run();
  writeParticipants(db, call);
  writeHistory(db, call, 0);
}

/**
 * Saves a changed call. History is append-only: only entries past what is stored are
 * written, so an earlier entry can never be rewritten. Participants are replaced whole
 * (they are a small ordered list the agent edits as one).
 */
export function updateCall(tx: WriteTx, call: CallRecord): void {
  const { db } = tx;
  // A plain UPDATE, never INSERT OR REPLACE: REPLACE would delete the row without its
  // triggers and detach the search index (see migration 0001).
  const result = db.update(calls).set(callColumns(call)).where(eq(calls.id, call.id)).run();
  if (result.changes !== 1) throw new Error(`Call ${call.id} is not in the local store.`);
  db.delete(callParticipants).where(eq(callParticipants.callId, call.id)).run();
  writeParticipants(db, call);
  const stored = db
    .select({ n: sql<number>`count(*)` })
    .from(callStatusHistory)
    .where(eq(callStatusHistory.callId, call.id))
    .get();
  writeHistory(db, call, stored?.n ?? 0);
}

function toRecords(db: Db, rows: CallRow[]): CallRecord[] {
  if (rows.length === 0) return [];
  // The page's ids go in as one JSON parameter, not one parameter each: the statement
  // text is then the same for every page (a 50-row page built and bound 50 placeholders
  // twice, most of the cost of a Schedule week), and SQLite reads each id's index range.
  const ids = JSON.stringify(rows.map((r) => r.id));
  const people = db
    .select()
    .from(callParticipants)
    .where(idIn(callParticipants.callId, ids))
    .orderBy(asc(callParticipants.callId), asc(callParticipants.position))
    .all();
  const history = db
    .select()
    .from(callStatusHistory)
    .where(idIn(callStatusHistory.callId, ids))
    .orderBy(asc(callStatusHistory.callId), asc(callStatusHistory.seq))
    .all();
  const peopleOf = groupBy(people, (p) => p.callId);
  const historyOf = groupBy(history, (h) => h.callId);
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
    participants: (peopleOf.get(row.id) ?? []).map((p) => ({
      kind: p.kind,
      id: p.participantId,
      role: p.role,
      name: p.name,
    })),
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
    quality: row.quality ?? null,
    history: (historyOf.get(row.id) ?? []).map((h) => ({
      from: h.fromStatus,
      to: h.toStatus,
      reason: h.reason,
      at: h.at,
      by: h.by,
    })),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    isDemo: row.isDemo,
  }));
}

/** `column in (the ids of a JSON array)`. */
function idIn(column: SQLiteColumn, json: string): SQL {
  return sql`${column} in (select value from json_each(${json}))`;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export function getCall(db: Db, id: string): CallRecord | null {
  const row = db.select().from(calls).where(eq(calls.id, id)).get();
  return row ? (toRecords(db, [row])[0] ?? null) : null;
}

function relatedIs(key: RelatedKey): SQL {
  return and(eq(calls.relatedType, key.type), eq(calls.relatedId, key.id)) as SQL;
}

// `calls.id IN (SELECT call_id … WHERE participant_id IN (…))` lets SQLite drive from
// the participant index and look each call up by id, which stays fast however many
// calls there are.
function hasParticipant(ids: string[]): SQL {
  return sql`${calls.id} in (select ${callParticipants.callId} from ${callParticipants} where ${inArray(callParticipants.participantId, ids)})`;
}

function whereOf(filter: Omit<CallFilter, 'limit' | 'offset' | 'sort'>): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.status && filter.status.length > 0) conditions.push(inArray(calls.status, filter.status));
  if (filter.direction) conditions.push(eq(calls.direction, filter.direction));
  // Both bounds on planned_utc alone, so the (status, planned_utc) index serves a week as
  // one range seek in planned order (test/bench/reminders.ts measures it at 100,000).
  if (filter.plannedFrom) conditions.push(gte(calls.plannedUtc, filter.plannedFrom));
  if (filter.plannedTo) conditions.push(lt(calls.plannedUtc, filter.plannedTo));
  if (filter.related) conditions.push(relatedIs(filter.related));
  if (filter.participantId) conditions.push(hasParticipant([filter.participantId]));
  if (filter.linkedTo) {
    const links: SQL[] = filter.linkedTo.related.map(relatedIs);
    if (filter.linkedTo.participantIds.length > 0) links.push(hasParticipant(filter.linkedTo.participantIds));
    // Linked to nothing means no calls, not every call.
    conditions.push(links.length > 0 ? (or(...links) as SQL) : sql`0`);
  }
  if (filter.ids) conditions.push(inArray(calls.id, filter.ids));
  const found = searchCondition(filter.search, filter.searchNumber ?? null);
  if (found) conditions.push(found);
  return conditions.length > 0 ? and(...conditions) : undefined;
}

/**
 * A call matches a search by its subject, outcome or participants (calls_fts), by one
 * of its notes (notes_fts), or, when the search is a phone number, by its numbers.
 */
function searchCondition(search: string | undefined, number: string | null): SQL | null {
  const alternatives: SQL[] = [];
  const match = search ? ftsMatchQuery(search) : null;
  if (match) {
    alternatives.push(sql`${calls.seq} in (select rowid from calls_fts where calls_fts match ${match})`);
    alternatives.push(sql`${calls.id} in (${notesMatching(match)})`);
  }
  if (number) alternatives.push(or(eq(calls.fromNumber, number), eq(calls.toNumber, number)) as SQL);
  if (alternatives.length === 0) return null;
  return or(...alternatives) as SQL;
}

/** The ids of calls with a note that matches an FTS query. */
function notesMatching(match: string): SQL {
  return sql`select n.call_id from notes n where n.call_id is not null and n.id in (select note_id from notes_fts where notes_fts match ${match})`;
}

/**
 * Soonest planned first. A planned range leaves no unplanned calls, so its order is the
 * (status, planned_utc) index's own and needs no sort; otherwise unplanned calls go last
 * in the schedule index's order.
 */
function plannedOrder(filter: CallFilter): SQL[] {
  if (filter.plannedFrom || filter.plannedTo) return [asc(calls.plannedUtc), asc(calls.seq)];
  return [sql`${calls.plannedUtc} is null`, asc(calls.plannedUtc), asc(calls.seq)];
}

/** The call log, newest first by when it happened (or is planned, or was logged). */
export function listCalls(db: Db, filter: CallFilter): { items: CallRecord[]; total: number } {
  const where = whereOf(filter);
  const order = filter.sort === 'planned' ? plannedOrder(filter) : [desc(calls.sortAt), desc(calls.seq)];
  const rows = db
    .select()
    .from(calls)
    .where(where)
    .orderBy(...order)
    .limit(filter.limit)
    .offset(filter.offset)
    .all();
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(calls)
      .where(where)
      .get()?.n ?? 0;
  return { items: toRecords(db, rows), total };
}

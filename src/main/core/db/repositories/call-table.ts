import type { CallPick, CallTableCursor, CallTableFilter, CallTableSort } from '../../../../shared/api/call-table';
import type { CallRecord } from '../../../../shared/domain/call';
import { phoneSearchKey } from '../../../../shared/domain/phone';
import { resolveLocalDateTime } from '../../../../shared/domain/time';
import type { Db } from '../client';
import { CALL_COLUMNS, prepared, searchCondition, sqliteOf, toRecords, type CallRow, type Where } from './call-reads';

/**
 * The calls table's query: one filter object (shared/api/call-table.ts) read into one
 * WHERE clause, and keyset pages over it. Keyset, not OFFSET: the page after row
 * 900,000 is one index seek from the last row's (sort value, seq), where an offset
 * would walk 900,000 rows first. Every sortable column has an index ending in seq
 * (SQLite appends the rowid to every index), so "order by column, seq" is an index walk.
 * test/bench/calltable.ts holds the page under 10 ms p99 at a million calls.
 */

/** What the filter needs from outside itself: how to read numbers and days. */
export interface TableContext {
  /** ISO region for numbers typed without a country code. */
  region: string;
  /** The agent's zone: a filter's days start at midnight there. */
  zone: string;
}

const sortColumns = {
  when: 'sort_at',
  subject: 'subject',
  duration: 'duration_seconds',
} as const satisfies Record<CallTableSort['column'], string>;

/** "2026-12-01" → "2026-12-02": the day after, for an inclusive end date. */
function nextDay(date: string): string {
  const day = new Date(`${date}T00:00:00.000Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Digits only: "(415) 555-01" → "41555501". */
const digitsOf = (text: string) => text.replace(/\D/g, '');

/**
 * The filter as a WHERE clause. Exported so every reader of "the calls this filter
 * matches" (the count, the export, a bulk action's "select all matching") runs the same
 * conditions.
 */
export function whereOfTable(filter: CallTableFilter, context: TableContext): Where {
  const where: Where = { text: [], params: [] };
  const add = (text: string, ...params: unknown[]) => {
    where.text.push(text);
    where.params.push(...params);
  };
  // The store keeps no planner statistics, so SQLite would drive a page from the first
  // index it finds; a unary + keeps the broad criteria (two directions, four statuses)
  // off their indexes whenever a narrower one (an owner, a disposition, a partial index)
  // is there to drive the walk in "when" order.
  const narrower = Boolean(
    filter.ownerId || filter.disposition?.length || filter.needsDisposition || filter.hasRecording,
  );
  const broad = narrower ? '+' : '';
  if (filter.direction) add(`${broad}direction = ?`, filter.direction);
  if (filter.status && filter.status.length > 0) {
    add(`${broad}status in (${marks(filter.status.length)})`, ...filter.status);
  }
  if (filter.fromDate) add('sort_at >= ?', resolveLocalDateTime(`${filter.fromDate}T00:00`, context.zone));
  if (filter.toDate) add('sort_at < ?', resolveLocalDateTime(`${nextDay(filter.toDate)}T00:00`, context.zone));
  if (filter.ownerId) add('owner_id = ?', filter.ownerId);
  // Literal placeholders, as for statuses: one code is then an equality the
  // (disposition_code, sort_at) index seeks in order; a JSON list would need a sort.
  if (filter.disposition && filter.disposition.length > 0) {
    add(`disposition_code in (${marks(filter.disposition.length)})`, ...filter.disposition);
  }
  if (filter.hasRecording !== undefined) {
    where.text.push(filter.hasRecording ? 'recording_url is not null' : 'recording_url is null');
  }
  if (filter.needsDisposition) where.text.push(NEEDS_DISPOSITION);
  if (filter.number?.trim()) numberCondition(where, filter.number, context.region);
  if (filter.search?.trim()) {
    const search = filter.search.trim();
    const e164 = phoneSearchKey(search, context.region);
    // A fragment of a number ("555 01") is found by its digits; words by the text indexes.
    if (!e164 && PHONE_FRAGMENT.test(search)) numberCondition(where, search, context.region);
    else {
      searchCondition(where, search, e164);
      // A tag typed whole finds its calls too (record_tags: an index seek by tag).
      const text = where.text.pop()!;
      where.text.push(`(${text} or ${TAGGED})`);
      where.params.push(search);
    }
  }
  if (filter.tags && filter.tags.length > 0) add(TAGGED_ANY, JSON.stringify(filter.tags));
  return where;
}

/** Calls with a tag, and with any tag of a JSON array (index record_tags_tag_idx: entity, tag). */
const TAGGED = `id in (select entity_id from record_tags where entity = 'calls' and tag = ?)`;
const TAGGED_ANY = `id in (select entity_id from record_tags where entity = 'calls' and tag in (select value from json_each(?)))`;

/** Only what a number is written with, and at least three digits. */
const PHONE_FRAGMENT = /^(?=(?:\D*\d){3})[+\d\s().\-/]+$/;

/** The same text as the partial index calls_needs_disposition_idx (migration 0013), so SQLite uses it. */
export const NEEDS_DISPOSITION = `(disposition_code is null and status in ('Held', 'NotHeld'))`;

/**
 * A whole number in any format is read as E.164 and found by the number indexes; a
 * fragment (three digits or more) is found through call_terms_fts, a trigram index
 * over the calls' numbers (migration 0013), so "555" finds +1 415 555 0123 without scanning the log.
 */
function numberCondition(where: Where, number: string, region: string): void {
  const e164 = phoneSearchKey(number, region);
  if (e164) {
    where.text.push('(from_number = ? or to_number = ?)');
    where.params.push(e164, e164);
    return;
  }
  const digits = digitsOf(number);
  // Fewer than three digits is no number filter at all (trigrams need three); a number
  // with no digits matches nothing rather than everything.
  if (digits.length === 0) where.text.push('0');
  else if (digits.length >= 3) {
    where.text.push('seq in (select rowid from call_terms_fts where call_terms_fts match ?)');
    where.params.push(`numbers : "${digits}"`);
  }
}

function orderOf(sort: CallTableSort): { text: string; column: string; op: '<' | '>' } {
  const column = sortColumns[sort.column];
  const dir = sort.direction;
  // Nulls (no duration yet) sort as the smallest value, as SQLite does; the keyset
  // comparison below treats them the same way.
  return { text: `${column} ${dir}, seq ${dir}`, column, op: dir === 'desc' ? '<' : '>' };
}

/** Only a call's duration can be null (not yet held); the other sort columns never are. */
const nullable = new Set<string>([sortColumns.duration]);

/**
 * "Rows after the cursor" in the sort's order. Written as `col <= ? and (col < ? or
 * seq < ?)` rather than a row value so the first term is a plain range SQLite seeks on
 * the column's index. Null-aware where the column can be null (SQLite orders nulls
 * first ascending, last descending): a comparison with null is never true, so the null
 * band is spelled out.
 */
function afterCursor(where: Where, column: string, op: '<' | '>', cursor: CallTableCursor): void {
  if (cursor.key === null) {
    // Descending: nulls come last, only nulls with a smaller seq remain; ascending:
    // the rest of the nulls, then every non-null value.
    where.text.push(
      op === '<' ? `(${column} is null and seq < ?)` : `((${column} is null and seq > ?) or ${column} is not null)`,
    );
    where.params.push(cursor.seq);
    return;
  }
  const orEq = op === '<' ? '<=' : '>=';
  const range = `(${column} ${orEq} ? and (${column} ${op} ? or seq ${op} ?))`;
  where.text.push(op === '<' && nullable.has(column) ? `(${range} or ${column} is null)` : range);
  where.params.push(cursor.key, cursor.key, cursor.seq);
}

export interface TablePage {
  items: CallRecord[];
  next: CallTableCursor | null;
}

type SortRow = CallRow & { seq: number; sortKey: string | number | null };

/** Narrows the filter's calls to those picked by hand, or leaves out those unticked (one JSON array either way). */
function pickCondition(where: Where, pick: CallPick): void {
  if ('ids' in pick) {
    where.text.push('id in (select value from json_each(?))');
    where.params.push(JSON.stringify(pick.ids));
  } else if (pick.except.length > 0) {
    where.text.push('id not in (select value from json_each(?))');
    where.params.push(JSON.stringify(pick.except));
  }
}

/** One page asked for: the filter and sort, where the last page ended, and an optional pick of rows. */
export interface TablePageInput {
  filter: CallTableFilter;
  sort: CallTableSort;
  after: CallTableCursor | null;
  limit: number;
  pick?: CallPick | undefined;
}

/** The raw rows of one page, before they become records (the export reads these). */
export function tableRows(
  db: Db,
  input: TablePageInput,
  context: TableContext,
): { rows: SortRow[]; next: CallTableCursor | null } {
  const sqlite = sqliteOf(db);
  const where = whereOfTable(input.filter, context);
  if (input.pick) pickCondition(where, input.pick);
  const order = orderOf(input.sort);
  if (input.after) afterCursor(where, order.column, order.op, input.after);
  const clause = where.text.length > 0 ? ` where ${where.text.join(' and ')}` : '';
  const statement = prepared(
    sqlite,
    `select ${CALL_COLUMNS}, ${order.column} as sortKey from calls${clause} order by ${order.text} limit ?`,
  );
  // One row more than asked says whether there is a next page without a count.
  const rows = statement.all(...where.params, input.limit + 1) as SortRow[];
  const more = rows.length > input.limit;
  const page = more ? rows.slice(0, input.limit) : rows;
  const last = page[page.length - 1];
  return { rows: page, next: more && last ? { key: last.sortKey, seq: last.seq } : null };
}

export function tablePage(db: Db, input: TablePageInput, context: TableContext): TablePage {
  const { rows, next } = tableRows(db, input, context);
  return { items: toRecords(sqliteOf(db), rows), next };
}

export function tableCount(db: Db, filter: CallTableFilter, context: TableContext): number {
  const where = whereOfTable(filter, context);
  const clause = where.text.length > 0 ? ` where ${where.text.join(' and ')}` : '';
  const row = prepared(sqliteOf(db), `select count(*) as n from calls${clause}`).get(...where.params) as { n: number };
  return row.n;
}

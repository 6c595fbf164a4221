import type { CallStatus } from '../../../../shared/domain/call';
import { bucketOf, BUCKET_MINUTES } from '../../../../shared/domain/call-analytics';
import type { Db } from '../client';
import { prepared, sqliteOf } from './call-reads';

/**
 * The dashboard's figures of one agent between two instants, read from the
 * pre-aggregations that the triggers of migrations 0019 and 0021 keep (schema/analytics.ts).
 *
 * The buckets: one primary-key range scan of the agent's `call_stats` rows, one per 15
 * minutes with a call (~2,900 for a busy month), as arrays (better-sqlite3's raw mode: no
 * object per row); analytics/local-folds.ts places them in the zone's hours and days. The
 * breakdown by status and disposition: the whole UTC days of the period from
 * `call_outcome_days` (a month: a few hundred rows), and the two partial days at its ends
 * (the agent's midnight is rarely UTC's) counted from the calls themselves through their
 * (owner, time, status, disposition) index, which covers the query.
 *
 * (Migration 0019 read a row per direction and status, ~11,000 a month as objects: 46 ms
 * p50; 0017 a row per disposition too, ~31,000: 95 ms p99. Before that the fold into
 * local hours was SQL, with a CASE per DST segment and a sort: 250 ms.)
 */

type Breakdown = { status: CallStatus; disposition: string | null; calls: number };

/**
 * A `call_stats` row as read, in this column order: the bucket's start (Unix seconds),
 * then the counts in_held, in_missed, out_held, out_not_held, then in_talk_sum,
 * in_handle_sum, in_timed, out_talk_sum, out_handle_sum, out_timed.
 */
export type StatsRow = readonly number[];

const DAY_MS = 86_400_000;
const BUCKET_SECONDS = BUCKET_MINUTES * 60;
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** The start of the bucket an instant is in, Unix seconds (the triggers' own cut). */
const bucketSeconds = (at: Date) => Math.floor(at.getTime() / 1000 / BUCKET_SECONDS) * BUCKET_SECONDS;

export function readCallStats(
  db: Db,
  ownerId: string,
  from: Date,
  to: Date,
): { rows: StatsRow[]; breakdown: Breakdown[] } {
  const sqlite = sqliteOf(db);
  const rows = prepared(
    sqlite,
    `select bucket, in_held, in_missed, out_held, out_not_held, in_talk_sum, in_handle_sum, in_timed,
       out_talk_sum, out_handle_sum, out_timed
     from call_stats where owner_id = ? and bucket >= ? and bucket < ?`,
  )
    .raw(true)
    .all(ownerId, bucketSeconds(from), bucketSeconds(to)) as StatsRow[];
  return { rows, breakdown: readBreakdown(sqlite, ownerId, from.getTime(), to.getTime()) };
}

/** Calls by status and disposition in [from, to): whole UTC days from their table, the ends from `calls`. */
function readBreakdown(sqlite: ReturnType<typeof sqliteOf>, ownerId: string, from: number, to: number): Breakdown[] {
  const firstDay = Math.ceil(from / DAY_MS) * DAY_MS;
  const endDay = Math.floor(to / DAY_MS) * DAY_MS;
  const parts: { status: CallStatus; disposition: string; calls: number }[][] = [];
  // Bounds as bucket strings, the triggers' own cut: a call is in the period when its bucket is.
  // The index holds status and disposition (migration 0021): no table page is read, and
  // the planner, left to itself, takes the narrower (owner, time) index.
  const fromCalls = (start: number, end: number) =>
    parts.push(
      prepared(
        sqlite,
        `select status, coalesce(disposition_code, '') as disposition, count(*) as calls
         from calls indexed by calls_owner_outcome_idx
         where owner_id = ? and sort_at >= ? and sort_at < ? group by 1, 2`,
      ).all(ownerId, bucketOf(new Date(start).toISOString()), bucketOf(new Date(end).toISOString())) as never,
    );
  if (firstDay >= endDay) {
    if (from < to) fromCalls(from, to);
  } else {
    if (from < firstDay) fromCalls(from, firstDay);
    parts.push(
      prepared(
        sqlite,
        `select status, disposition, sum(calls) as calls from call_outcome_days
         where owner_id = ? and day >= ? and day < ? group by 1, 2`,
      ).all(ownerId, utcDay(firstDay), utcDay(endDay)) as never,
    );
    if (endDay < to) fromCalls(endDay, to);
  }
  // '' stands for "no disposition" in the table's key; the summary adds up repeats.
  return parts.flat().map((row) => ({ ...row, disposition: row.disposition === '' ? null : row.disposition }));
}

/**
 * The agent's bookings (shared/domain/bookings.ts): visits they booked in the period,
 * and their answered calls of the period with at least one visit booked on them.
 */
export function readBookings(db: Db, ownerId: string, from: Date, to: Date) {
  const sqlite = sqliteOf(db);
  const range = [from.toISOString(), to.toISOString()];
  const booked = prepared(
    sqlite,
    'select count(*) as n from appointments where booked_by = ? and created_at >= ? and created_at < ?',
  ).get(ownerId, ...range) as { n: number };
  const converted = prepared(
    sqlite,
    // CROSS JOIN keeps appointments (a few per day) the outer loop; SQLite would otherwise
    // walk the agent's month of calls (40,000+) through their owner index.
    `select count(distinct a.call_id) as n from appointments a cross join calls c on c.id = a.call_id
     where c.owner_id = ? and c.status = 'Held' and c.sort_at >= ? and c.sort_at < ?`,
  ).get(ownerId, ...range) as { n: number };
  return { bookings: booked.n, convertedCalls: converted.n };
}

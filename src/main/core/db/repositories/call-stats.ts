import type { CallStatus } from '../../../../shared/domain/call';
import { bucketOf, type StatsBucket } from '../../../../shared/domain/call-analytics';
import type { Db } from '../client';
import { prepared, sqliteOf } from './call-reads';

/**
 * The dashboard's figures of one agent between two instants, read from the
 * pre-aggregations that migration 0019's triggers keep (schema/analytics.ts).
 *
 * The buckets: one primary-key range scan of the agent's `call_stats` rows, about four per
 * 15 minutes (direction × status), already summed, so they come out in key order with no
 * grouping (~12,000 for a busy month); the shared code (foldBuckets) places them in the
 * zone's hours and days. The breakdown by status and disposition: the whole UTC days of
 * the period from `call_outcome_days` (a month: a few hundred rows), and the two partial
 * days at its ends (the agent's midnight is rarely UTC's) counted from the calls
 * themselves through their (owner, time) index.
 *
 * (Migration 0017 kept one table with the disposition in its key: a month was ~31,000 rows
 * read twice and grouped, 95 ms p99 on a quiet machine against 50 wanted. Before that the
 * fold into local hours was SQL, with a CASE per DST segment and a sort: 250 ms.)
 */

type Breakdown = { status: CallStatus; disposition: string | null; calls: number };

const DAY_MS = 86_400_000;
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function readCallStats(
  db: Db,
  ownerId: string,
  from: Date,
  to: Date,
): { buckets: StatsBucket[]; breakdown: Breakdown[] } {
  const sqlite = sqliteOf(db);
  const buckets = prepared(
    sqlite,
    `select bucket, owner_id as ownerId, direction, status, null as disposition, calls, talk_sum as talkSum,
       talk_count as talkCount, handle_sum as handleSum, handle_count as handleCount
     from call_stats where owner_id = ? and bucket >= ? and bucket < ?`,
  ).all(ownerId, bucketOf(from.toISOString()), bucketOf(to.toISOString())) as StatsBucket[];
  return { buckets, breakdown: readBreakdown(sqlite, ownerId, from.getTime(), to.getTime()) };
}

/** Calls by status and disposition in [from, to): whole UTC days from their table, the ends from `calls`. */
function readBreakdown(sqlite: ReturnType<typeof sqliteOf>, ownerId: string, from: number, to: number): Breakdown[] {
  const firstDay = Math.ceil(from / DAY_MS) * DAY_MS;
  const endDay = Math.floor(to / DAY_MS) * DAY_MS;
  const parts: { status: CallStatus; disposition: string; calls: number }[][] = [];
  // Bounds as bucket strings, the triggers' own cut: a call is in the period when its bucket is.
  const fromCalls = (start: number, end: number) =>
    parts.push(
      prepared(
        sqlite,
        `select status, coalesce(disposition_code, '') as disposition, count(*) as calls from calls
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

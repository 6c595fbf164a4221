import type { CallStatus } from '../../../../shared/domain/call';
import { bucketOf, type StatsBucket } from '../../../../shared/domain/call-analytics';
import type { Db } from '../client';
import { prepared, sqliteOf } from './call-reads';

/**
 * The dashboard's figures of one agent between two instants, read from the
 * pre-aggregation that migration 0017's triggers keep: one primary-key range scan of the
 * agent's buckets. SQLite sums each 15-minute bucket's directions and statuses (the rows
 * come in key order, so the grouping streams, with no sort), leaving at most ~4 rows per
 * bucket (~12,000 for a busy month); the shared code (foldBuckets) places them in the
 * zone's hours and days. Outcomes and dispositions are one small grouped read of the same range.
 *
 * (It used to fold into local hours in SQL, with a CASE per DST segment and a sort of every
 * row by hour: 250 ms for a month of 41,600 calls, against 50 ms wanted.)
 */

const RANGE = 'owner_id = ? and bucket >= ? and bucket < ? and calls > 0';

export function readCallStats(
  db: Db,
  ownerId: string,
  from: Date,
  to: Date,
): { buckets: StatsBucket[]; breakdown: { status: CallStatus; disposition: string | null; calls: number }[] } {
  const sqlite = sqliteOf(db);
  const range = [ownerId, bucketOf(from.toISOString()), bucketOf(to.toISOString())];
  const rows = prepared(
    sqlite,
    `select bucket, direction, status, sum(calls) as calls, sum(talk_sum) as talkSum, sum(talk_count) as talkCount,
       sum(handle_sum) as handleSum, sum(handle_count) as handleCount
     from call_stats where ${RANGE} group by bucket, direction, status`,
  ).all(...range) as Omit<StatsBucket, 'ownerId' | 'disposition'>[];
  const buckets = rows.map((row) => ({ ...row, ownerId, disposition: null }));
  const breakdown = prepared(
    sqlite,
    `select status, disposition, sum(calls) as calls from call_stats where ${RANGE} group by 1, 2`,
  ).all(...range) as { status: CallStatus; disposition: string; calls: number }[];
  // '' stands for "no disposition" in the table's key.
  return {
    buckets,
    breakdown: breakdown.map((row) => ({ ...row, disposition: row.disposition === '' ? null : row.disposition })),
  };
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

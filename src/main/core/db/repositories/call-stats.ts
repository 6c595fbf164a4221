import type { CallDirection, CallStatus } from '../../../../shared/domain/call';
import { bucketOf, type StatsBucket } from '../../../../shared/domain/call-analytics';
import type { Db } from '../client';
import { prepared, sqliteOf } from './call-reads';

/**
 * The dashboard's figures of one agent between two instants, read from the
 * pre-aggregation that migration 0015's triggers keep (schema/analytics.ts): a primary
 * key range scan, however many calls there are. SQLite folds the 15-minute buckets into
 * the agent's local hours (the zone's offset per DST segment is passed in), so the code
 * after it sees at most a few thousand rows for a month; outcomes and dispositions are
 * one small grouped read of the same range.
 */

export interface OffsetSegment {
  startMs: number;
  offsetMs: number;
}

/** `e` = the bucket's epoch seconds; the offset of the segment it falls in, in seconds. */
function offsetCase(segments: readonly OffsetSegment[]): string {
  if (segments.length <= 1) return '?';
  const whens = segments.slice(1).map(() => 'when e < ? then ?');
  return `case ${whens.join(' ')} else ? end`;
}

function offsetParams(segments: readonly OffsetSegment[]): number[] {
  if (segments.length <= 1) return [(segments[0]?.offsetMs ?? 0) / 1000];
  const params: number[] = [];
  for (let i = 1; i < segments.length; i++) params.push(segments[i]!.startMs / 1000, segments[i - 1]!.offsetMs / 1000);
  params.push(segments.at(-1)!.offsetMs / 1000);
  return params;
}

const RANGE = 'owner_id = ? and bucket >= ? and bucket < ? and calls > 0';

interface HourRow {
  hourStart: number;
  direction: CallDirection;
  status: CallStatus;
  calls: number;
  talkSum: number;
  talkCount: number;
  handleSum: number;
  handleCount: number;
}

export function readCallStats(
  db: Db,
  ownerId: string,
  from: Date,
  to: Date,
  segments: readonly OffsetSegment[],
): { buckets: StatsBucket[]; breakdown: { status: CallStatus; disposition: string | null; calls: number }[] } {
  const sqlite = sqliteOf(db);
  const range = [ownerId, bucketOf(from.toISOString()), bucketOf(to.toISOString())];
  // The start of the local hour each bucket is in, as a UTC instant (so the two 01:00
  // hours of a fall-back night stay apart: their offsets differ).
  const hours = `select ((e + o) / 3600) * 3600 - o as hourStart, direction, status, sum(calls) as calls,
      sum(talk_sum) as talkSum, sum(talk_count) as talkCount, sum(handle_sum) as handleSum, sum(handle_count) as handleCount
    from (select *, ${offsetCase(segments)} as o from (select *, unixepoch(bucket) as e from call_stats where ${RANGE}))
    group by 1, 2, 3`;
  const rows = prepared(sqlite, hours).all(...offsetParams(segments), ...range) as HourRow[];
  const buckets = rows.map(({ hourStart, ...row }) => ({
    ...row,
    bucket: new Date(hourStart * 1000).toISOString().slice(0, 16),
    ownerId,
    disposition: null,
  }));
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
    `select count(distinct a.call_id) as n from appointments a join calls c on c.id = a.call_id
     where c.owner_id = ? and c.status = 'Held' and c.sort_at >= ? and c.sort_at < ?`,
  ).get(ownerId, ...range) as { n: number };
  return { bookings: booked.n, convertedCalls: converted.n };
}

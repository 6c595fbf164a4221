import { sql, type SQL } from 'drizzle-orm';
import type { Granularity } from '../../shared/domain/analytics-period';
import type { CallDirection, CallStatus } from '../../shared/domain/call';
import { offsetSegments, periodSlots, type Fold, type Folds } from '../../shared/domain/dashboard-figures';
import type { Db as ServerDb } from '../db/database';

/**
 * The period's calls folded by Postgres along each axis of the dashboard (agent, chart
 * slot, hour of the day, status × disposition) in one scan of the covering index
 * (migration 0015) with GROUPING SETS: a few hundred rows reach Node, however many calls
 * the month has. (Returning one row per 15-minute bucket and agent, as before, sent
 * ~37,000 rows for a team month of 41,600 calls: most of the 500 ms went on shipping and
 * mapping them. A pre-aggregate table would not shrink that: 20 agents × 2,900 buckets a
 * month is more cells than calls.)
 *
 * Each call is placed by the start of its 15-minute bucket, as the desktop's buckets are
 * (shared/domain/call-analytics.ts), in slots and hours worked out in JS with Temporal
 * (periodSlots, offsetSegments) and passed as arrays of epoch seconds: the zone's rules
 * are Temporal's on both sides, never Postgres's own copy of the zone database.
 *
 * Speed: date_part (float8), not extract (numeric, several times slower over 40k rows);
 * the per-call CTE is materialized so each call's bucket is computed once, not once per
 * grouping set.
 */

const seconds = (ms: number) => Math.round(ms / 1000);
const bigints = (values: readonly number[]): SQL =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}::bigint`),
    sql`, `,
  )}]::bigint[]`;

const held = sql`status = 'Held' and duration_seconds is not null`;
const afterCallWork = sql`case when actual_end is not null and wrapped_up_at is not null
  then greatest(0, floor(date_part('epoch', wrapped_up_at)) - floor(date_part('epoch', actual_end)))
  else 0 end`;

interface FoldRow {
  axis: number;
  owner_id: string | null;
  slot: number | null;
  hour: number | null;
  direction: CallDirection;
  status: CallStatus;
  disposition_code: string | null;
  calls: number;
  talk_sum: number;
  talk_count: number;
  handle_sum: number;
}

// grouping(owner_id, slot, hour, disposition_code): a bit set for each column NOT grouped by.
const AXIS = { agents: 0b0111, slots: 0b1011, hours: 0b1101, breakdown: 0b1110 };

export async function teamFolds(
  db: ServerDb,
  where: {
    companyId: string;
    ownerId: string | null;
    from: Date;
    to: Date;
    timeZone: string;
    granularity: Granularity;
  },
): Promise<Folds> {
  const slotStarts = periodSlots(where.from, where.to, where.timeZone, where.granularity).map((s) =>
    seconds(s.startMs),
  );
  const segments = offsetSegments(where.from, where.to, where.timeZone);
  const query = sql`
    with c as materialized (
      select owner_id, direction, status, disposition_code,
        (floor(date_part('epoch', occurred_at) / 900) * 900)::bigint as e,
        case when ${held} then duration_seconds end as talk,
        case when ${held} then duration_seconds + ${afterCallWork} end as handle
      from calls
      where company_id = ${where.companyId}
        ${where.ownerId === null ? sql`` : sql`and owner_id = ${where.ownerId}`}
        and occurred_at >= ${where.from.toISOString()}::timestamptz and occurred_at < ${where.to.toISOString()}::timestamptz
    ), placed as (
      select *, width_bucket(e, ${bigints(slotStarts)}) - 1 as slot,
        ((e + (${bigints(segments.map((s) => seconds(s.offsetMs)))})[width_bucket(e, ${bigints(segments.map((s) => seconds(s.startMs)))})]) % 86400) / 3600 as hour
      from c
      -- A bucket starting before the period (only in a zone off the quarter hour) is left out, as on the desktop.
      where e >= ${slotStarts[0] ?? 0}::bigint
    )
    select grouping(owner_id, slot, hour, disposition_code)::int as axis, owner_id, slot::int, hour::int, direction, status,
      disposition_code, count(*)::int as calls, coalesce(sum(talk), 0)::float8 as talk_sum, count(talk)::int as talk_count,
      coalesce(sum(handle), 0)::float8 as handle_sum
    from placed
    group by grouping sets ((owner_id, direction, status), (slot, direction, status), (hour, direction, status), (status, disposition_code))`;
  const { rows } = (await db.execute(query)) as unknown as { rows: FoldRow[] };
  const folds = { agents: [], slots: [], hours: [], breakdown: [] } as {
    -readonly [K in keyof Folds]: Folds[K][number][];
  };
  for (const row of rows) {
    const fold: Fold = {
      direction: row.direction,
      status: row.status,
      calls: Number(row.calls),
      talkSum: Number(row.talk_sum),
      talkCount: Number(row.talk_count),
      handleSum: Number(row.handle_sum),
      handleCount: Number(row.talk_count),
    };
    if (row.axis === AXIS.agents) folds.agents.push({ ...fold, ownerId: row.owner_id! });
    else if (row.axis === AXIS.slots) folds.slots.push({ ...fold, slot: Number(row.slot) });
    else if (row.axis === AXIS.hours) folds.hours.push({ ...fold, hour: Number(row.hour) });
    else if (row.axis === AXIS.breakdown) {
      folds.breakdown.push({ status: row.status, disposition: row.disposition_code, calls: fold.calls });
    }
  }
  return folds;
}

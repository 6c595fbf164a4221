import { and, gte, lt, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { CallDirection, CallStatus } from '../../shared/domain/call';
import { TimeZone } from '../../shared/domain/primitives';
import { visibleCalls } from '../calls/visibility';
import { authenticate, principalOf, type ServerContext } from '../context';
import { calls } from '../db/schema';
import { parseInput } from '../http/validate';
import { periodRange } from './period';

export const SummaryQuery = z
  .object({ period: z.enum(['today', 'week', 'month', 'year']).default('today'), tz: TimeZone.default('UTC') })
  .strict();

export interface CallSummary {
  total: number;
  /** Held calls. */
  answered: number;
  /** Calls that were dialled or rang: Held plus Not Held. Planned and Cancelled never were. */
  attempted: number;
  /** answered / attempted, null when nothing was attempted. */
  answerRate: number | null;
  /** Mean duration of Held calls with a duration, in seconds; null when there are none. */
  averageDurationSeconds: number | null;
  outcomes: Record<CallStatus, number>;
  /** Disposition code → count; calls without a disposition are counted under "none". */
  dispositions: Record<string, number>;
}

interface Bucket {
  direction: CallDirection;
  status: CallStatus;
  disposition: string | null;
  count: number;
  durationSum: number;
  durationCount: number;
}

function summarize(buckets: readonly Bucket[]): CallSummary {
  const outcomes: Record<CallStatus, number> = { Planned: 0, Held: 0, NotHeld: 0, Cancelled: 0 };
  const dispositions: Record<string, number> = {};
  let durationSum = 0;
  let durationCount = 0;
  for (const bucket of buckets) {
    outcomes[bucket.status] += bucket.count;
    const key = bucket.disposition ?? 'none';
    dispositions[key] = (dispositions[key] ?? 0) + bucket.count;
    durationSum += bucket.durationSum;
    durationCount += bucket.durationCount;
  }
  const total = Object.values(outcomes).reduce((sum, n) => sum + n, 0);
  const attempted = outcomes.Held + outcomes.NotHeld;
  return {
    total,
    answered: outcomes.Held,
    attempted,
    answerRate: attempted === 0 ? null : outcomes.Held / attempted,
    averageDurationSeconds: durationCount === 0 ? null : durationSum / durationCount,
    outcomes,
    dispositions,
  };
}

export function registerAnalyticsRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/analytics/summary', { onRequest: authenticate(ctx) }, async (request) => {
    const query = parseInput(SummaryQuery, request.query, 'query');
    const principal = principalOf(request);
    const { from, to } = periodRange(query.period, ctx.now(), query.tz);
    // One grouped scan; the breakdowns are folded together here rather than in several queries.
    const rows = await ctx.db
      .select({
        direction: calls.direction,
        status: calls.status,
        disposition: calls.dispositionCode,
        count: sql<number>`count(*)::int`,
        durationSum: sql<number>`coalesce(sum(${calls.durationSeconds}) filter (where ${calls.status} = 'Held'), 0)::float8`,
        durationCount: sql<number>`(count(${calls.durationSeconds}) filter (where ${calls.status} = 'Held'))::int`,
      })
      .from(calls)
      .where(and(visibleCalls(principal), gte(calls.occurredAt, from), lt(calls.occurredAt, to)))
      .groupBy(calls.direction, calls.status, calls.dispositionCode);
    const buckets = rows.map((row) => ({
      ...row,
      count: Number(row.count),
      durationSum: Number(row.durationSum),
      durationCount: Number(row.durationCount),
    }));
    return {
      period: query.period,
      timeZone: query.tz,
      from: from.toISOString(),
      to: to.toISOString(),
      overall: summarize(buckets),
      byDirection: {
        Inbound: summarize(buckets.filter((bucket) => bucket.direction === 'Inbound')),
        Outbound: summarize(buckets.filter((bucket) => bucket.direction === 'Outbound')),
      },
    };
  });
}

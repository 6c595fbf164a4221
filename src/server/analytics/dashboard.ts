import { and, eq, gte, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DashboardPeriod, PeriodError, periodRange, PlainDay } from '../../shared/domain/analytics-period';
import { bookingFigures } from '../../shared/domain/bookings';
import { summarizeFolds, type DashboardFigures } from '../../shared/domain/dashboard-figures';
import { TimeZone } from '../../shared/domain/primitives';
import { followUpOverdue, slaMinutesOf } from '../../shared/domain/sla';
import type { Principal } from '../auth/tokens';
import { authenticate, principalOf, type ServerContext } from '../context';
import type { Db as ServerDb } from '../db/database';
import { appointments, calls, tasks, users } from '../db/schema';
import { readSlaRules } from '../follow-ups/sla-rules';
import { forbidden, HttpError } from '../http/errors';
import { parseInput } from '../http/validate';
import { teamFolds } from './team-folds';

/**
 * GET /analytics/dashboard: the dashboard's figures for a period in the agent's zone.
 * `scope=me` is the caller's own calls (any role); `scope=team` is the whole company's,
 * with a row per agent, for supervisors and admins only. Always within the caller's
 * company. The SQL (team-folds.ts) sums calls with the rules of
 * shared/domain/call-analytics.ts; the shared summarizer turns the sums into figures.
 */
export const DashboardQuery = z
  .object({
    period: DashboardPeriod.default('today'),
    from: PlainDay.optional(),
    to: PlainDay.optional(),
    tz: TimeZone.default('UTC'),
    scope: z.enum(['me', 'team']).default('me'),
  })
  .strict();

/**
 * Open follow-ups past their deadline (the shared rule, followUpOverdue: the earlier of the
 * due time and the SLA of the call followed), as the desktop counts them. SQL keeps only
 * those whose deadline can have passed (due before now, or made on a call longer ago than
 * the company's shortest rule); the rule itself is then applied to each.
 */
async function overdueFollowUps(db: ServerDb, companyId: string, ownerId: string | null, now: Date) {
  const { rules } = await readSlaRules(db, companyId);
  const shortest = Math.min(...Object.values(rules));
  const rows = await db
    .select({
      status: tasks.status,
      createdAt: tasks.createdAt,
      dueAt: tasks.dueAt,
      callId: calls.id,
      dispositionCode: calls.dispositionCode,
      direction: calls.direction,
      callStatus: calls.status,
      actualStart: calls.actualStart,
    })
    .from(tasks)
    .leftJoin(calls, and(eq(calls.companyId, tasks.companyId), eq(calls.id, tasks.callId)))
    .where(
      and(
        eq(tasks.companyId, companyId),
        ownerId === null ? undefined : eq(tasks.ownerId, ownerId),
        eq(tasks.status, 'Open'),
        or(
          and(isNotNull(tasks.dueAt), lt(tasks.dueAt, now)),
          Number.isFinite(shortest)
            ? and(isNotNull(tasks.callId), lt(tasks.createdAt, new Date(now.getTime() - shortest * 60_000)))
            : undefined,
        ),
      ),
    );
  const iso = (at: Date | null) => (at === null ? null : at.toISOString());
  return rows.filter((row) => {
    const call =
      row.callId === null
        ? null
        : { ...row, direction: row.direction!, status: row.callStatus!, actualStart: iso(row.actualStart) };
    const task = { status: row.status, createdAt: row.createdAt.toISOString(), dueAt: iso(row.dueAt) };
    return followUpOverdue(task, slaMinutesOf(rules, call), now.getTime());
  }).length;
}

/**
 * Bookings (shared/domain/bookings.ts): visits booked in the period (by the agent, for
 * `me`), and distinct answered calls of the period with a visit booked on them.
 */
async function bookingCounts(db: ServerDb, where: { companyId: string; ownerId: string | null; from: Date; to: Date }) {
  const [booked] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(appointments)
    .where(
      and(
        eq(appointments.companyId, where.companyId),
        where.ownerId === null ? undefined : sql`${appointments.data}->>'bookedBy' = ${where.ownerId}`,
        gte(appointments.createdAt, where.from),
        lt(appointments.createdAt, where.to),
      ),
    );
  const [converted] = await db
    .select({ n: sql<number>`count(distinct ${appointments.callId})::int` })
    .from(appointments)
    .innerJoin(calls, and(eq(calls.companyId, appointments.companyId), eq(calls.id, appointments.callId)))
    .where(
      and(
        eq(appointments.companyId, where.companyId),
        where.ownerId === null ? undefined : eq(calls.ownerId, where.ownerId),
        eq(calls.status, 'Held'),
        gte(calls.occurredAt, where.from),
        lt(calls.occurredAt, where.to),
      ),
    );
  return { bookings: Number(booked?.n ?? 0), convertedCalls: Number(converted?.n ?? 0) };
}

export async function dashboardFigures(
  ctx: ServerContext,
  principal: Principal,
  query: z.output<typeof DashboardQuery>,
): Promise<DashboardFigures> {
  if (query.scope === 'team' && principal.role === 'agent') {
    throw forbidden('Team figures are for supervisors and admins; your own figures are under "Mine".');
  }
  let range;
  try {
    range = periodRange(query.period, ctx.now(), query.tz, { from: query.from, to: query.to });
  } catch (error) {
    if (error instanceof PeriodError) throw new HttpError(400, 'bad_period', error.message);
    throw error;
  }
  const ownerId = query.scope === 'me' ? principal.userId : null;
  const [folds, overdue, people, booked] = await Promise.all([
    teamFolds(ctx.db, { companyId: principal.companyId, ownerId, ...range, timeZone: query.tz }),
    overdueFollowUps(ctx.db, principal.companyId, ownerId, ctx.now()),
    ctx.db
      .select({ id: users.id, name: users.displayName })
      .from(users)
      .where(eq(users.companyId, principal.companyId)),
    bookingCounts(ctx.db, { companyId: principal.companyId, ownerId, ...range }),
  ]);
  const figures = summarizeFolds(folds, {
    ...range,
    timeZone: query.tz,
    names: new Map(people.map((p) => [p.id, p.name])),
    followUpsOverdue: overdue,
  });
  figures.bookings = bookingFigures({ ...booked, answeredCalls: figures.totals.answered });
  return figures;
}

export function registerDashboardRoute(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/analytics/dashboard', { onRequest: authenticate(ctx) }, async (request) =>
    dashboardFigures(ctx, principalOf(request), parseInput(DashboardQuery, request.query, 'query')),
  );
}

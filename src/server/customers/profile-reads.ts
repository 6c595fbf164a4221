import { and, count, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { LifetimeStats } from '../../shared/domain/customer';
import type { Principal } from '../auth/tokens';
import { visibleCalls } from '../calls/visibility';
import type { ServerContext } from '../context';
import { calls, notes } from '../db/schema';
import { HttpError } from '../http/errors';
import { noteOf } from '../sync/records';
import { applyServerMutation } from './server-write';

/**
 * What the customer routes read and write alike, whether the profile sits on a contact
 * (routes.ts) or an account (account-routes.ts).
 */

/** Whose calls are the customer's: those about these records, and those from or to these numbers. */
export interface CustomerCalls {
  related: { type: 'contact' | 'account'; id: string }[];
  numbers: string[];
}

/** The customer's lifetime figures over the calls the caller may see. */
export async function lifetimeStats(
  ctx: ServerContext,
  principal: Principal,
  scope: CustomerCalls,
): Promise<LifetimeStats> {
  const byRecord = scope.related.map((r) => and(eq(calls.relatedType, r.type), eq(calls.relatedId, r.id)));
  const byNumber =
    scope.numbers.length > 0
      ? [or(inArray(calls.fromNumber, scope.numbers), inArray(calls.toNumber, scope.numbers))]
      : [];
  const [row] = await ctx.db
    .select({
      calls: count(),
      answered: sql<number>`count(*) filter (where ${calls.status} = 'Held')`.mapWith(Number),
      first: sql<Date | null>`min(${calls.occurredAt})`,
      last: sql<Date | null>`max(${calls.occurredAt})`,
    })
    .from(calls)
    .where(and(visibleCalls(principal), or(...byRecord, ...byNumber)));
  const iso = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : null);
  return {
    calls: row?.calls ?? 0,
    answered: row?.answered ?? 0,
    firstContactAt: iso(row?.first),
    lastContactAt: iso(row?.last),
  };
}

/** The newest 200 notes about the customer, newest first. */
export async function notesAbout(ctx: ServerContext, companyId: string, about: { type: string; id: string }) {
  const rows = await ctx.db
    .select()
    .from(notes)
    .where(and(eq(notes.companyId, companyId), eq(notes.relatedType, about.type), eq(notes.relatedId, about.id)))
    .orderBy(desc(notes.createdAt), desc(notes.id))
    .limit(200);
  return rows.map(noteOf);
}

/** One note by id, as the API shows it. */
export async function noteById(ctx: ServerContext, companyId: string, id: string) {
  const [row] = await ctx.db
    .select()
    .from(notes)
    .where(and(eq(notes.companyId, companyId), eq(notes.id, id)));
  return noteOf(row!);
}

/** A change through the sync mutators; a refusal becomes the HTTP error that says why. */
export async function applyOrThrow(...change: Parameters<typeof applyServerMutation>): Promise<void> {
  const result = await applyServerMutation(...change);
  if (result.ok) return;
  const status = result.error.code === 'not_found' ? 404 : result.error.code === 'already_exists' ? 409 : 400;
  throw new HttpError(status, result.error.code, result.error.message);
}

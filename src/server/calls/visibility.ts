import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Principal } from '../auth/tokens';
import { calls } from '../db/schema';

/**
 * Which calls a person may see: agents their own and those they take part in;
 * supervisors and admins the whole company's. Always within the caller's company.
 * Every read of calls goes through one of these two, so the rule lives in one place.
 */
export function visibleCalls(principal: Principal): SQL {
  const company = eq(calls.companyId, principal.companyId);
  if (principal.role !== 'agent') return company;
  return and(
    company,
    or(eq(calls.ownerId, principal.userId), sql`${calls.participantUserIds} @> array[${principal.userId}]::text[]`),
  )!;
}

/**
 * The same rule as visibleCalls for an agent, as two disjoint branches that each have an
 * index with the version after it (calls_owner_version, calls_guests_version): the calls
 * the agent owns, and those it takes part in without owning. Read as a UNION ALL of the
 * two, a pull examines the agent's changed calls and the company's changed calls with
 * guests only; read as one OR, Postgres walks every changed call of the company. Null for
 * supervisors and admins, who see the whole company.
 */
export function visibleCallBranches(principal: Principal): [SQL, SQL] | null {
  if (principal.role !== 'agent') return null;
  const company = eq(calls.companyId, principal.companyId);
  const guests = sql`array_remove(${calls.participantUserIds}, ${calls.ownerId})`;
  return [
    and(company, eq(calls.ownerId, principal.userId))!,
    // `<> '{}'` is implied by the @> but Postgres only uses a partial index whose
    // predicate the query states: calls_guests_version (migration 0021) holds calls with guests.
    and(company, sql`${guests} <> '{}'`, sql`${guests} @> array[${principal.userId}]::text[]`)!,
  ];
}

export function canSeeCall(
  principal: Principal,
  row: { companyId: string; ownerId: string; participantUserIds: string[] },
): boolean {
  if (row.companyId !== principal.companyId) return false;
  if (principal.role !== 'agent') return true;
  return row.ownerId === principal.userId || row.participantUserIds.includes(principal.userId);
}

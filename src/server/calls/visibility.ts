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

export function canSeeCall(
  principal: Principal,
  row: { companyId: string; ownerId: string; participantUserIds: string[] },
): boolean {
  if (row.companyId !== principal.companyId) return false;
  if (principal.role !== 'agent') return true;
  return row.ownerId === principal.userId || row.participantUserIds.includes(principal.userId);
}

import { eq } from 'drizzle-orm';
import type { Principal } from '../auth/tokens';
import type { Queryable } from '../db/database';
import { syncClients } from '../db/schema';
import { HttpError } from '../http/errors';

/**
 * A sync client belongs to one user of one company, fixed at its first push or pull.
 * Another user presenting the same client id is refused: otherwise they could read its
 * lastMutationId or, worse, have their mutations skipped as the other user's duplicates.
 */
export async function registerClient(db: Queryable, principal: Principal, clientId: string): Promise<number> {
  await db
    .insert(syncClients)
    .values({ id: clientId, companyId: principal.companyId, userId: principal.userId })
    .onConflictDoNothing();
  return ownedClientLastMutationId(db, principal, clientId);
}

/** The client's last processed mutation id, 0 for a client never seen; refuses someone else's client. */
export async function ownedClientLastMutationId(
  db: Queryable,
  principal: Principal,
  clientId: string,
): Promise<number> {
  const [row] = await db.select().from(syncClients).where(eq(syncClients.id, clientId));
  if (!row) return 0;
  if (row.companyId !== principal.companyId || row.userId !== principal.userId) {
    throw new HttpError(
      403,
      'client_not_yours',
      'This sync client belongs to another user. Start a new client after signing in.',
    );
  }
  return row.lastMutationId;
}

import { and, count, eq, gt } from 'drizzle-orm';
import type { Principal } from '../auth/tokens';
import type { Queryable } from '../db/database';
import { syncClients } from '../db/schema';
import { HttpError } from '../http/errors';

/**
 * How many new sync clients one user may register in a day (SYNC_CLIENTS_PER_USER).
 * Each sign-in on a desktop makes a new client, so a person uses a handful a day; the
 * limit stops a signed-in script from filling the table with client rows. Clients are
 * never deleted (their lastMutationId is what makes a late retry a duplicate), so the
 * limit counts registrations in the last 24 hours rather than all clients ever made.
 */
export const DEFAULT_SYNC_CLIENTS_PER_USER = 20;
const CLIENT_WINDOW_MS = 24 * 3600_000;

export interface ClientLimit {
  perUser: number;
  now: () => Date;
}

/**
 * A sync client belongs to one user of one company, fixed at its first push or pull.
 * Another user presenting the same client id is refused: otherwise they could read its
 * lastMutationId or, worse, have their mutations skipped as the other user's duplicates.
 *
 * The push registers a client it does not find (inside its own transaction, sync/push.ts)
 * and then locks the row, which checks the owner, whoever inserted it. A new client
 * beyond the user's daily limit is refused with 429 (two registrations racing at the
 * limit may both pass: the limit bounds growth, it is not a quota).
 */
export async function registerNewClient(
  db: Queryable,
  principal: Principal,
  clientId: string,
  limit: ClientLimit,
): Promise<void> {
  await refuseBeyondLimit(db, principal, limit);
  // Stamped with the server's clock, the one the limit's window is measured on.
  const now = limit.now();
  await db
    .insert(syncClients)
    .values({ id: clientId, companyId: principal.companyId, userId: principal.userId, createdAt: now, updatedAt: now })
    .onConflictDoNothing();
}

/** The client's last processed mutation id, 0 for a client never seen; refuses someone else's client. */
export async function ownedClientLastMutationId(
  db: Queryable,
  principal: Principal,
  clientId: string,
): Promise<number> {
  return (await ownedClientPosition(db, principal, clientId)).lastMutationId;
}

/** The client's last processed mutation id and the change version of its last push (0 and 0 for a new client). */
export async function ownedClientPosition(
  db: Queryable,
  principal: Principal,
  clientId: string,
): Promise<{ lastMutationId: number; version: number }> {
  const [row] = await db.select().from(syncClients).where(eq(syncClients.id, clientId));
  return clientPositionOf(row ?? null, principal);
}

type ClientRow = Pick<typeof syncClients.$inferSelect, 'companyId' | 'userId' | 'lastMutationId' | 'version'>;

/** The position of a client row read elsewhere (null: never seen); refuses someone else's client. */
export function clientPositionOf(
  row: ClientRow | null,
  principal: Principal,
): { lastMutationId: number; version: number } {
  return row
    ? { lastMutationId: ownersLastMutationId(row, principal), version: row.version }
    : { lastMutationId: 0, version: 0 };
}

export function ownersLastMutationId(row: Omit<ClientRow, 'version'>, principal: Principal): number {
  if (row.companyId !== principal.companyId || row.userId !== principal.userId) {
    throw new HttpError(
      403,
      'client_not_yours',
      'This sync client belongs to another user. Start a new client after signing in.',
    );
  }
  return row.lastMutationId;
}

async function refuseBeyondLimit(db: Queryable, principal: Principal, limit: ClientLimit): Promise<void> {
  const since = new Date(limit.now().getTime() - CLIENT_WINDOW_MS);
  const [row] = await db
    .select({ n: count() })
    .from(syncClients)
    .where(and(eq(syncClients.userId, principal.userId), gt(syncClients.createdAt, since)));
  if ((row?.n ?? 0) < limit.perUser) return;
  throw new HttpError(
    429,
    'too_many_sync_clients',
    `This user has started ${limit.perUser} sync clients (desktop sign-ins) in the last 24 hours, the most allowed. ` +
      'Keep using a desktop that is already signed in, or ask an admin to raise SYNC_CLIENTS_PER_USER.',
    undefined,
    { 'retry-after': String(CLIENT_WINDOW_MS / 1000) },
  );
}

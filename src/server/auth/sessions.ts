import { eq, lt } from 'drizzle-orm';
import type { Db } from '../db/database';
import { revokedSessions } from '../db/schema-security';

/**
 * Ends a session for its access tokens too. A refresh-token family is one session;
 * its access tokens carry the family id (`sid`), and `authenticate` refuses a token
 * whose session is listed here. The row is kept until the last access token the
 * session could have been given has expired; rows past that are pruned here.
 */
export async function revokeSession(db: Db, familyId: string, now: Date, accessTtlSeconds: number): Promise<void> {
  const expiresAt = new Date(now.getTime() + accessTtlSeconds * 1000);
  await db.insert(revokedSessions).values({ familyId, expiresAt }).onConflictDoUpdate({
    target: revokedSessions.familyId,
    set: { expiresAt },
  });
  await db.delete(revokedSessions).where(lt(revokedSessions.expiresAt, now));
}

/** One primary-key lookup per authenticated request. */
export async function isSessionRevoked(db: Db, familyId: string): Promise<boolean> {
  const rows = await db
    .select({ familyId: revokedSessions.familyId })
    .from(revokedSessions)
    .where(eq(revokedSessions.familyId, familyId));
  return rows.length > 0;
}

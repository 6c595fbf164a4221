import { eq, lt, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../db/database';
import { HttpError } from '../http/errors';
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
export async function isSessionRevoked(db: Db | Tx, familyId: string): Promise<boolean> {
  const rows = await db
    .select({ familyId: revokedSessions.familyId })
    .from(revokedSessions)
    .where(eq(revokedSessions.familyId, familyId));
  return rows.length > 0;
}

/** The refusal of a token whose session was signed out. */
export function sessionEnded(): HttpError {
  return new HttpError(401, 'session_ended', 'This session was signed out. Sign in again.');
}

/**
 * The same lookup as an expression (true when the session was signed out), for a request's
 * first statement to carry, so the check costs no round trip of its own (push and pull).
 */
export function sessionRevokedSql(familyId: string | undefined): SQL<boolean> {
  if (familyId === undefined) return sql<boolean>`false`;
  return sql<boolean>`exists (select 1 from ${revokedSessions} where ${revokedSessions.familyId} = ${familyId})`;
}

import { and, eq, isNotNull, ne } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { ServerContext } from '../context';
import type { Tx } from '../db/database';
import { refreshTokens } from '../db/schema';
import { invalidRefresh, sessionFor, type Session } from './session-pairs';
import { revokeSession } from './sessions';
import { hashRefreshToken } from './tokens';

/**
 * Refresh-token rotation that survives lost answers and still catches copies.
 *
 * Every refresh token is spent by its refresh, and the pair that refresh issues records
 * it as its parent. A spent token presented again is one of two things:
 *
 *  - its own holder retrying: the answer to its refresh was lost (the server or the
 *    network went down mid-refresh, the desktop crashed before storing the new token)
 *    and it still has only the spent token. It never used what that refresh earned,
 *    because it never got it. Such a retry gets a new pair (another child), however
 *    long after (the server may have been down for an hour), while the token lives.
 *  - a copy: someone else holds the token, and its holder has moved on, i.e. used a
 *    token that the spend earned. Reuse detected: the whole family is revoked and its
 *    access tokens stop working (the holder signs in again; the copy is worthless).
 *
 * A copy presented BEFORE the holder moved on cannot be told from a retry, so it gets a
 * pair too, but that only forks the family: the holder's child and the copy's child are
 * siblings, and when a token is spent while one of its siblings has already been spent,
 * two holders are using one session: the family is revoked then. A holder's retries also
 * make siblings, but the earlier ones were lost with their answers and are never used.
 * Without that, a thief who got in first could keep the session alive beside its owner.
 *
 * The token's own row lock (and its parent's, when spending a child) serialises a spend
 * against its siblings' and children's spends, on any instance. Tokens spent before
 * parents were recorded have no recorded child: presented again, they are treated as
 * copies, as before.
 */
export async function refreshSession(
  ctx: ServerContext,
  refreshToken: string,
  log: FastifyBaseLogger,
): Promise<Session> {
  const now = ctx.now();
  const outcome = await ctx.db.transaction(async (tx): Promise<Session | { copyOf: string } | null> => {
    const [token] = await tx
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, hashRefreshToken(refreshToken)))
      .for('update');
    if (!token || token.revokedAt || token.expiresAt <= now) return null;
    if (token.usedAt === null) {
      if (token.parentId !== null) {
        await tx
          .select({ id: refreshTokens.id })
          .from(refreshTokens)
          .where(eq(refreshTokens.id, token.parentId))
          .for('update');
        if (await anySpent(tx, and(eq(refreshTokens.parentId, token.parentId), ne(refreshTokens.id, token.id)))) {
          return { copyOf: token.familyId };
        }
      }
      // The spend and the new pair commit together: a server stopped between the two
      // leaves the token unspent, never spent without a successor.
      await tx.update(refreshTokens).set({ usedAt: now }).where(eq(refreshTokens.id, token.id));
      return sessionFor(ctx, token, tx);
    }
    const children = await tx
      .select({ usedAt: refreshTokens.usedAt })
      .from(refreshTokens)
      .where(eq(refreshTokens.parentId, token.id));
    if (children.length === 0 || children.some((child) => child.usedAt !== null)) return { copyOf: token.familyId };
    return sessionFor(ctx, token, tx);
  });
  if (outcome === null) throw invalidRefresh();
  if ('copyOf' in outcome) {
    // Revoke the whole family, the copy's tokens and the holder's alike; the holder signs in again.
    await ctx.db.update(refreshTokens).set({ revokedAt: now }).where(eq(refreshTokens.familyId, outcome.copyOf));
    await revokeSession(ctx.db, outcome.copyOf, now, ctx.tokens.accessTtlSeconds);
    log.warn({ familyId: outcome.copyOf }, 'refresh token reuse detected; family revoked');
    throw invalidRefresh();
  }
  return outcome;
}

async function anySpent(tx: Tx, where: ReturnType<typeof and>): Promise<boolean> {
  const rows = await tx
    .select({ id: refreshTokens.id })
    .from(refreshTokens)
    .where(and(where, isNotNull(refreshTokens.usedAt)))
    .limit(1);
  return rows.length > 0;
}

import { eq } from 'drizzle-orm';
import { newId } from '../../shared/domain/ids';
import type { ServerContext } from '../context';
import type { Db, Tx } from '../db/database';
import { refreshTokens, users } from '../db/schema';
import { HttpError } from '../http/errors';
import { userView, type UserView } from './accounts';
import { newRefreshToken, signAccessToken, type Principal } from './tokens';

/** What sign-in and refresh answer: an access token and the refresh token that renews it. */
export interface Session {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  user: UserView;
}

export const invalidRefresh = () => new HttpError(401, 'invalid_refresh_token', 'The session ended. Sign in again.');

/** A new pair in the family; `parentId` is the refresh token it was issued for (none at sign-in). */
export async function issueSession(
  ctx: ServerContext,
  user: UserView,
  familyId: string,
  parentId: string | null,
  db: Db | Tx = ctx.db,
): Promise<Session> {
  const principal: Principal = { userId: user.id, companyId: user.companyId, role: user.role, sessionId: familyId };
  const access = await signAccessToken(principal, ctx.tokens);
  const refresh = newRefreshToken();
  const expiresAt = new Date(ctx.now().getTime() + ctx.refreshTtlSeconds * 1000);
  await db.insert(refreshTokens).values({
    id: newId(),
    companyId: user.companyId,
    userId: user.id,
    tokenHash: refresh.hash,
    familyId,
    parentId,
    expiresAt,
    createdAt: ctx.now(),
  });
  return {
    accessToken: access.token,
    accessTokenExpiresAt: access.expiresAt.toISOString(),
    refreshToken: refresh.token,
    refreshTokenExpiresAt: expiresAt.toISOString(),
    user,
  };
}

/** A new pair for a refresh; the role is read again here, so a role change takes effect at the next refresh. */
export async function sessionFor(
  ctx: ServerContext,
  spent: { id: string; userId: string; familyId: string },
  db: Db | Tx,
): Promise<Session> {
  const [user] = await db.select().from(users).where(eq(users.id, spent.userId));
  if (!user || user.disabledAt) throw invalidRefresh();
  return issueSession(ctx, userView(user), spent.familyId, spent.id, db);
}

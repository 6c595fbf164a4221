import { and, eq, gt, gte, isNull, ne } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { newId } from '../../shared/domain/ids';
import { authenticate, principalOf, type ServerContext } from '../context';
import type { Db, Tx } from '../db/database';
import { companies, refreshTokens, users } from '../db/schema';
import { forbidden, HttpError } from '../http/errors';
import { UNAUTHENTICATED_BODY_LIMIT } from '../http/limits';
import { parseInput } from '../http/validate';
import { createUser, Email, Password, userView, type UserView } from './accounts';
import { countAttempt, forgiveAttempt, loginKeys } from './login-throttle';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from './passwords';
import { revokeSession } from './sessions';
import { hashRefreshToken, newRefreshToken, signAccessToken, type Principal } from './tokens';

export const LoginBody = z
  .object({
    company: z.string().min(1).max(64),
    email: z.string().min(1).max(320),
    password: z.string().min(1).max(200),
  })
  .strict();
export const RefreshBody = z.object({ refreshToken: z.string().min(20).max(200) }).strict();
export const CreateUserBody = z
  .object({
    email: Email,
    password: Password,
    displayName: z.string().trim().min(1).max(200),
    role: z.enum(['agent', 'supervisor']),
  })
  .strict();

const invalidLogin = () => new HttpError(401, 'invalid_credentials', 'The company, email or password is not right.');
/**
 * A spent refresh token presented again this soon after it was spent is taken for the
 * same desktop, not a thief: a desktop restarted (or crashed) while its refresh was in
 * flight never stored the token that refresh earned, and starts again with the spent
 * one. Within the window it gets a new pair in the same family; after it, reuse is
 * theft and revokes the family. A family revoked by sign-out stays revoked.
 *
 * The window counts from the last pair the spent token earned, not from its first use:
 * a desktop whose answers keep getting lost (the crash harness, `npm run chaos`, killed
 * the server or the desktop during two refreshes in a row, 24 s apart) retries with the
 * same token each time and must not be signed out for it. It holds only while no token
 * earned after it has been used: once one has, the holder moved on, and the old token
 * coming back is a copy.
 */
export const REFRESH_REUSE_GRACE_SECONDS = 30;

const invalidRefresh = () => new HttpError(401, 'invalid_refresh_token', 'The session ended. Sign in again.');

export interface Session {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  user: UserView;
}

async function issueSession(
  ctx: ServerContext,
  user: UserView,
  familyId: string,
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
    expiresAt,
    // The app's clock, like usedAt: the reuse window compares the two.
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

/** Whether a spent token presented again is its own holder retrying (see REFRESH_REUSE_GRACE_SECONDS). */
async function isRetryOfSpent(ctx: ServerContext, spent: { id: string; familyId: string; usedAt: Date }, now: Date) {
  const earned = await ctx.db
    .select({ createdAt: refreshTokens.createdAt, usedAt: refreshTokens.usedAt })
    .from(refreshTokens)
    .where(
      and(
        eq(refreshTokens.familyId, spent.familyId),
        gte(refreshTokens.createdAt, spent.usedAt),
        ne(refreshTokens.id, spent.id),
      ),
    );
  if (earned.some((token) => token.usedAt !== null)) return false;
  const lastEarned = Math.max(spent.usedAt.getTime(), ...earned.map((token) => token.createdAt.getTime()));
  return now.getTime() - lastEarned <= REFRESH_REUSE_GRACE_SECONDS * 1000;
}

/** A new pair for a refresh; the role is read again here, so a role change takes effect at the next refresh. */
async function sessionFor(
  ctx: ServerContext,
  userId: string,
  familyId: string,
  db: Db | Tx = ctx.db,
): Promise<Session> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user || user.disabledAt) throw invalidRefresh();
  return issueSession(ctx, userView(user), familyId, db);
}

export function registerAuthRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/auth/login', { bodyLimit: UNAUTHENTICATED_BODY_LIMIT }, async (request) => {
    const body = parseInput(LoginBody, request.body, 'sign-in');
    const email = body.email.trim().toLowerCase();
    const throttle = loginKeys(request.ip, body.company, email);
    await countAttempt(ctx.db, throttle, ctx.now());
    const [row] = await ctx.db
      .select({ user: users })
      .from(users)
      .innerJoin(companies, eq(companies.id, users.companyId))
      .where(and(eq(companies.slug, body.company.trim().toLowerCase()), eq(users.email, email)));
    // Verify against a dummy hash when there is no such user: same cost, no account probing.
    const passwordOk = await verifyPassword(body.password, row?.user.passwordHash ?? (await dummyPasswordHash()));
    if (!row || !passwordOk || row.user.disabledAt) throw invalidLogin();
    await forgiveAttempt(ctx.db, throttle);
    if (needsRehash(row.user.passwordHash)) {
      // The only moment the password is known: raise an old hash to today's cost.
      await ctx.db
        .update(users)
        .set({ passwordHash: await hashPassword(body.password) })
        .where(eq(users.id, row.user.id));
    }
    return issueSession(ctx, userView(row.user), newId());
  });

  app.post('/auth/refresh', { bodyLimit: UNAUTHENTICATED_BODY_LIMIT }, async (request) => {
    const body = parseInput(RefreshBody, request.body, 'refresh');
    const hash = hashRefreshToken(body.refreshToken);
    const now = ctx.now();
    // Spend the token with one conditional UPDATE: of two concurrent refreshes with the
    // same token (on any instance) exactly one wins; the other sees a spent token. The
    // spend and the new pair commit together: a server stopped between the two would leave
    // a spent token with no successor, which its holder could only retry within the window.
    const renewed = await ctx.db.transaction(async (tx) => {
      const [spent] = await tx
        .update(refreshTokens)
        .set({ usedAt: now })
        .where(
          and(
            eq(refreshTokens.tokenHash, hash),
            isNull(refreshTokens.usedAt),
            isNull(refreshTokens.revokedAt),
            gt(refreshTokens.expiresAt, now),
          ),
        )
        .returning();
      return spent ? sessionFor(ctx, spent.userId, spent.familyId, tx) : null;
    });
    if (!renewed) {
      const [known] = await ctx.db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, hash));
      if (
        known?.usedAt &&
        !known.revokedAt &&
        known.expiresAt > now &&
        (await isRetryOfSpent(ctx, { id: known.id, familyId: known.familyId, usedAt: known.usedAt }, now))
      ) {
        return sessionFor(ctx, known.userId, known.familyId);
      }
      if (known?.usedAt) {
        // A spent token came back: it was copied. Revoke the whole family, the thief's
        // copy and the owner's current one alike; the owner signs in again.
        await ctx.db.update(refreshTokens).set({ revokedAt: now }).where(eq(refreshTokens.familyId, known.familyId));
        await revokeSession(ctx.db, known.familyId, now, ctx.tokens.accessTtlSeconds);
        request.log.warn({ familyId: known.familyId }, 'refresh token reuse detected; family revoked');
      }
      throw invalidRefresh();
    }
    return renewed;
  });

  app.post('/auth/logout', { bodyLimit: UNAUTHENTICATED_BODY_LIMIT }, async (request, reply) => {
    const body = parseInput(RefreshBody, request.body, 'sign-out');
    const [row] = await ctx.db
      .select({ familyId: refreshTokens.familyId })
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, hashRefreshToken(body.refreshToken)));
    if (row) {
      await ctx.db.update(refreshTokens).set({ revokedAt: ctx.now() }).where(eq(refreshTokens.familyId, row.familyId));
      await revokeSession(ctx.db, row.familyId, ctx.now(), ctx.tokens.accessTtlSeconds);
    }
    // Same answer whether or not the token existed: sign-out is idempotent.
    return reply.code(204).send();
  });

  app.get('/me', { onRequest: authenticate(ctx) }, async (request) => {
    const me = principalOf(request);
    const [row] = await ctx.db
      .select()
      .from(users)
      .where(and(eq(users.companyId, me.companyId), eq(users.id, me.userId)));
    if (!row) throw invalidRefresh();
    return userView(row);
  });

  app.get('/users', { onRequest: authenticate(ctx) }, async (request) => {
    const me = principalOf(request);
    const rows = await ctx.db.select().from(users).where(eq(users.companyId, me.companyId)).orderBy(users.displayName);
    return { items: rows.map(userView) };
  });

  app.post('/users', { onRequest: authenticate(ctx) }, async (request, reply) => {
    const me = principalOf(request);
    if (me.role !== 'admin') throw forbidden('Only an admin can add users.');
    const body = parseInput(CreateUserBody, request.body, 'new user');
    const user = await createUser(ctx.db, me.companyId, body);
    return reply.code(201).send(user);
  });
}

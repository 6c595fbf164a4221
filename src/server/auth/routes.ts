import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { newId } from '../../shared/domain/ids';
import { authenticate, principalOf, type ServerContext } from '../context';
import { companies, refreshTokens, users } from '../db/schema';
import { forbidden, HttpError } from '../http/errors';
import { UNAUTHENTICATED_BODY_LIMIT } from '../http/limits';
import { parseInput } from '../http/validate';
import { createUser, Email, Password, userView } from './accounts';
import { countAttempt, forgiveAttempt, loginKeys } from './login-throttle';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from './passwords';
import { revokeSession } from './sessions';
import { refreshSession } from './refresh';
import { invalidRefresh, issueSession } from './session-pairs';
import { hashRefreshToken } from './tokens';

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
    return issueSession(ctx, userView(row.user), newId(), null);
  });

  app.post('/auth/refresh', { bodyLimit: UNAUTHENTICATED_BODY_LIMIT }, async (request) => {
    const body = parseInput(RefreshBody, request.body, 'refresh');
    return refreshSession(ctx, body.refreshToken, request.log);
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

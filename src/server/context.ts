import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db, Tx } from './db/database';
import type { Principal, TokenConfig } from './auth/tokens';
import { isSessionRevoked, sessionEnded } from './auth/sessions';
import { verifyAccessToken } from './auth/tokens';
import { HttpError } from './http/errors';
import type { ClockLimit } from './sync/clock-guard';
import type { TwilioOptions } from './twilio/options';

/** Test seams for the push path: run inside a mutation's transaction, after its writes. */
export interface SyncFaults {
  afterMutationWrites?: (tx: Tx, mutation: { clientId: string; id: number; name: string }) => Promise<void>;
}

/** Everything a route needs, passed in; no module-level state, so instances stay interchangeable. */
export interface ServerContext {
  db: Db;
  tokens: TokenConfig;
  refreshTtlSeconds: number;
  now: () => Date;
  faults: SyncFaults;
  twilio: TwilioOptions;
  /** The server's clock and how far ahead of it a mutation's clock stamp may be. */
  clock: ClockLimit;
  /** New sync clients one user may register per 24 hours (sync/clients.ts). */
  syncClientsPerUser: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/**
 * Proves the bearer token and attaches the principal, or answers 401. Routes run it as
 * an `onRequest` hook, BEFORE the body is read: a caller without a valid token never
 * makes the server receive, buffer or parse its body (a 14 MB body sent without a token
 * used to be parsed first, stalling the event loop for seconds).
 */
export function authenticate(ctx: ServerContext, options: { sessionChecked?: 'here' | 'by-handler' } = {}) {
  const checkHere = options.sessionChecked !== 'by-handler';
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const header = request.headers.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match?.[1]) throw new HttpError(401, 'unauthenticated', 'Sign in first: no access token was sent.');
    const principal = await verifyAccessToken(match[1], ctx.tokens);
    // Signed out (or its refresh token was stolen and reused): the token dies with its session.
    // 'by-handler' routes (push and pull) ask this in their first statement instead, saving
    // a round trip per request; they must refuse before anything is written or answered.
    if (checkHere && principal.sessionId && (await isSessionRevoked(ctx.db, principal.sessionId))) {
      throw sessionEnded();
    }
    request.principal = principal;
  };
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new HttpError(401, 'unauthenticated', 'Sign in first.');
  return request.principal;
}

/** preHandler after `authenticate`: only the company's admins pass. */
export async function requireAdmin(request: FastifyRequest): Promise<void> {
  if (principalOf(request).role !== 'admin') {
    throw new HttpError(403, 'forbidden', 'Only an admin of the company can do that.');
  }
}

/** preHandler after `authenticate`: the company's supervisors and admins pass. */
export async function requireSupervisor(request: FastifyRequest): Promise<void> {
  if (principalOf(request).role === 'agent') {
    throw new HttpError(403, 'forbidden', 'Only a supervisor or an admin of the company can do that.');
  }
}

import { createHash, randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { HttpError } from '../http/errors';

export type Role = 'agent' | 'supervisor' | 'admin';

/** Who is calling, as proven by the access token. The company comes only from here. */
export interface Principal {
  userId: string;
  companyId: string;
  role: Role;
  /**
   * The session (refresh-token family) the token was issued to; sign-out revokes it and
   * with it every access token it was given. Tokens issued before sessions were named
   * have none and live out their 15 minutes.
   */
  sessionId?: string;
}

const ISSUER = 'switchboard-server';
const AUDIENCE = 'switchboard-api';

export interface TokenConfig {
  secret: Uint8Array;
  accessTtlSeconds: number;
  now: () => Date;
}

export async function signAccessToken(
  principal: Principal,
  config: TokenConfig,
): Promise<{ token: string; expiresAt: Date }> {
  const issuedAt = Math.floor(config.now().getTime() / 1000);
  const exp = issuedAt + config.accessTtlSeconds;
  const claims = {
    cid: principal.companyId,
    role: principal.role,
    ...(principal.sessionId ? { sid: principal.sessionId } : {}),
  };
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(principal.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(exp)
    .sign(config.secret);
  return { token, expiresAt: new Date(exp * 1000) };
}

/**
 * Tokens whose signature and claims were checked, per secret, with their expiry. A desktop
 * sends the same access token with every push and pull for its 15 minutes, and checking
 * an HS256 signature through WebCrypto cost about 0.4 ms of CPU per request (an async
 * crypto job), a tenth of what a push or pull costs the server. Only a token string that
 * verified before is remembered, so nothing unverified gets in; expiry is still checked
 * on every use, and sign-out is checked per request by the caller (context.ts).
 */
const verified = new WeakMap<Uint8Array, Map<string, { principal: Principal; expiresMs: number }>>();
const REMEMBERED_TOKENS = 20_000;

export async function verifyAccessToken(token: string, config: TokenConfig): Promise<Principal> {
  let known = verified.get(config.secret);
  if (!known) verified.set(config.secret, (known = new Map()));
  const hit = known.get(token);
  if (hit && config.now().getTime() < hit.expiresMs) return hit.principal;
  const { principal, expiresMs } = await verifySignedToken(token, config);
  if (known.size >= REMEMBERED_TOKENS) known.clear();
  known.set(token, { principal, expiresMs });
  return principal;
}

async function verifySignedToken(
  token: string,
  config: TokenConfig,
): Promise<{ principal: Principal; expiresMs: number }> {
  try {
    const { payload } = await jwtVerify(token, config.secret, {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: config.now(),
    });
    const role = payload['role'];
    const companyId = payload['cid'];
    if (typeof payload.sub !== 'string' || typeof companyId !== 'string' || !isRole(role)) {
      throw new HttpError(401, 'invalid_token', 'The access token is not valid. Sign in again.');
    }
    const sessionId = payload['sid'];
    // Frozen: one remembered principal serves many requests.
    const principal = Object.freeze({
      userId: payload.sub,
      companyId,
      role,
      ...(typeof sessionId === 'string' ? { sessionId } : {}),
    });
    // Every token this server signs has an expiry; one without is not remembered (0).
    return { principal, expiresMs: typeof payload.exp === 'number' ? payload.exp * 1000 : 0 };
  } catch (error) {
    if (error instanceof HttpError) throw error;
    if (error instanceof errors.JWTExpired) {
      throw new HttpError(401, 'token_expired', 'The session expired. Refresh it or sign in again.');
    }
    throw new HttpError(401, 'invalid_token', 'The access token is not valid. Sign in again.');
  }
}

export function isRole(value: unknown): value is Role {
  return value === 'agent' || value === 'supervisor' || value === 'admin';
}

/** Refresh tokens are random and only their hash is stored; sha256 suffices for 256 random bits. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

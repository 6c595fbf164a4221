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

export async function verifyAccessToken(token: string, config: TokenConfig): Promise<Principal> {
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
    return { userId: payload.sub, companyId, role, ...(typeof sessionId === 'string' ? { sessionId } : {}) };
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

import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt from node:crypto (memory-hard, no native dependency).
 * Stored as `scrypt$N$r$p$<salt b64>$<hash b64>`, so the cost can be raised without
 * breaking existing hashes: a hash made at a lower cost still verifies, and is replaced
 * by one at today's cost on the owner's next successful sign-in (auth/routes.ts).
 *
 * The cost, N = 2^15, was chosen by measurement (`npm run bench -- password-hash`, figures
 * in the README): OWASP suggests 2^17, but on the 2-core reference machine one 2^17 hash
 * takes over a second, far past the 250 ms a sign-in may take; 2^15 is the largest cost
 * that stays near it. SCRYPT_LOG2_N overrides it (10 to 20) for faster or slower hardware.
 */
export const DEFAULT_SCRYPT_LOG2_N = 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

/** Today's cost exponent: SCRYPT_LOG2_N when set, else the measured default. */
export function scryptLog2N(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env['SCRYPT_LOG2_N'];
  if (raw === undefined || raw === '') return DEFAULT_SCRYPT_LOG2_N;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 10 || value > 20) {
    throw new Error(`SCRYPT_LOG2_N must be a whole number from 10 to 20, not ${raw}`);
  }
  return value;
}

/** scrypt needs 128·N·r bytes; Node's default cap (32 MiB) refuses N = 2^15 and above. */
function options(n: number, r: number, p: number): ScryptOptions {
  return { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 };
}

function scryptAsync(password: string, salt: Buffer, keyLength: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, keyLength, opts, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function hashPassword(password: string, log2N = scryptLog2N()): Promise<string> {
  const n = 2 ** log2N;
  const salt = randomBytes(16);
  const hash = await scryptAsync(password.normalize('NFKC'), salt, KEY_LENGTH, options(n, R, P));
  return ['scrypt', n, R, P, salt.toString('base64'), hash.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltB64, hashB64] = stored.split('$');
  if (scheme !== 'scrypt' || !saltB64 || !hashB64) return false;
  const expected = Buffer.from(hashB64, 'base64');
  const actual = await scryptAsync(
    password.normalize('NFKC'),
    Buffer.from(saltB64, 'base64'),
    expected.length,
    options(Number(n), Number(r), Number(p)),
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** True when a stored hash was made at a lower cost than today's: rehash it at the next sign-in. */
export function needsRehash(stored: string, log2N = scryptLog2N()): boolean {
  const [scheme, n, r, p] = stored.split('$');
  return scheme !== 'scrypt' || Number(n) < 2 ** log2N || Number(r) < R || Number(p) < P;
}

/**
 * Compared against when the email is unknown, so a wrong email costs the same time as a
 * wrong password and the response time does not reveal who has an account. One per
 * cost, so a change of SCRYPT_LOG2_N (tests) never compares at a stale cost.
 */
const dummyHashes = new Map<number, Promise<string>>();
export function dummyPasswordHash(log2N = scryptLog2N()): Promise<string> {
  let hash = dummyHashes.get(log2N);
  if (!hash) {
    hash = hashPassword(randomBytes(16).toString('hex'), log2N);
    dummyHashes.set(log2N, hash);
  }
  return hash;
}

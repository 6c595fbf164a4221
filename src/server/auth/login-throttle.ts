import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { loginThrottle } from '../db/schema-security';
import { HttpError } from '../http/errors';

/**
 * Sign-in throttling per client address and per account. Each key allows a few free
 * failures, then every further failure doubles the wait before the next attempt is
 * looked at (1 s, 2 s, 4 s … up to 15 min); an hour without failures forgets them. The
 * counts are rows in Postgres, so all instances of the server share them.
 *
 * An attempt is counted BEFORE its password is checked, under a row lock: of a hundred
 * guesses sent at once, the first takes the lock and sets the wait, and the others find
 * the key blocked and are refused without costing a password hash. A successful sign-in
 * takes its own attempt back (and clears the account's failures).
 */
export interface ThrottlePolicy {
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  forgetAfterMs: number;
}

const HOUR = 3600_000;
/** One account: a person mistyping gets five tries before any wait. */
export const ACCOUNT_POLICY: ThrottlePolicy = {
  freeFailures: 5,
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: HOUR,
};
/** One address: an office behind one NAT signs many people in, so it gets more. */
export const ADDRESS_POLICY: ThrottlePolicy = {
  freeFailures: 20,
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: HOUR,
};

export interface ThrottleKey {
  key: string;
  policy: ThrottlePolicy;
}

export function loginKeys(address: string, company: string, email: string): ThrottleKey[] {
  return [
    { key: `ip:${address}`, policy: ADDRESS_POLICY },
    { key: `account:${company.trim().toLowerCase()}/${email.trim().toLowerCase()}`, policy: ACCOUNT_POLICY },
  ];
}

/** The wait after the n-th failure in a row: none within the free ones, then doubling. */
export function delayAfter(failures: number, policy: ThrottlePolicy): number {
  const over = failures - policy.freeFailures;
  if (over <= 0) return 0;
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(over - 1, 30));
}

export function tooManyAttempts(retryAfterMs: number): HttpError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new HttpError(429, 'too_many_attempts', `Too many attempts, try again in ${seconds} s.`, undefined, {
    'retry-after': String(seconds),
  });
}

/**
 * Counts one attempt on every key, or refuses (429) when a key is still waiting. Keys
 * are locked in a fixed order, so two attempts never wait on each other's locks.
 */
export async function countAttempt(db: Db, keys: readonly ThrottleKey[], now: Date): Promise<void> {
  const ordered = [...keys].sort((a, b) => (a.key < b.key ? -1 : 1));
  const blockedMs = await db.transaction(async (tx) => {
    let wait = 0;
    const updates: { key: string; failures: number; blockedUntil: Date | null }[] = [];
    for (const { key, policy } of ordered) {
      await tx.insert(loginThrottle).values({ key, failures: 0, lastFailureAt: now }).onConflictDoNothing();
      const [row] = await tx.select().from(loginThrottle).where(eq(loginThrottle.key, key)).for('update');
      if (row!.blockedUntil && row!.blockedUntil > now) {
        wait = Math.max(wait, row!.blockedUntil.getTime() - now.getTime());
        continue;
      }
      const forgotten = now.getTime() - row!.lastFailureAt.getTime() > policy.forgetAfterMs;
      const failures = (forgotten ? 0 : row!.failures) + 1;
      const delay = delayAfter(failures, policy);
      updates.push({ key, failures, blockedUntil: delay > 0 ? new Date(now.getTime() + delay) : null });
    }
    // Refused attempts change nothing: waiting out the block is all it takes.
    if (wait > 0) return wait;
    for (const update of updates) {
      await tx
        .update(loginThrottle)
        .set({ failures: update.failures, lastFailureAt: now, blockedUntil: update.blockedUntil })
        .where(eq(loginThrottle.key, update.key));
    }
    return 0;
  });
  if (blockedMs > 0) throw tooManyAttempts(blockedMs);
}

/** After a successful sign-in: the account starts afresh; the address gets this attempt back. */
export async function forgiveAttempt(db: Db, keys: readonly ThrottleKey[]): Promise<void> {
  const [address, account] = keys;
  if (account) await db.delete(loginThrottle).where(eq(loginThrottle.key, account.key));
  if (address) {
    await db
      .update(loginThrottle)
      .set({
        failures: sql`greatest(${loginThrottle.failures} - 1, 0)`,
        blockedUntil: sql`case when ${loginThrottle.failures} - 1 <= ${address.policy.freeFailures} then null else ${loginThrottle.blockedUntil} end`,
      })
      .where(eq(loginThrottle.key, address.key));
  }
}

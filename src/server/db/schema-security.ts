import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Tables that defend sign-in and sessions. They live in the database, not in memory,
 * so every server instance behind one load balancer sees the same counts and the same
 * revocations.
 */

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Failed sign-ins per key: `ip:<address>` and `account:<company slug>/<email>`. After a
 * few free failures each further one doubles the wait (auth/login-throttle.ts).
 */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lastFailureAt: ts('last_failure_at').notNull(),
  /** No attempt with this key is checked before this instant. */
  blockedUntil: ts('blocked_until'),
});

/**
 * Sessions (refresh-token families) ended by sign-out or by refresh-token reuse. Access
 * tokens name their session, and each request checks it here, so a token stops working
 * at once instead of living out its 15 minutes. A row is only needed until every
 * access token of the session has expired (`expires_at`), then it is pruned.
 */
export const revokedSessions = pgTable('revoked_sessions', {
  familyId: text('family_id').primaryKey(),
  expiresAt: ts('expires_at').notNull(),
});

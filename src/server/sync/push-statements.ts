import { eq, sql } from 'drizzle-orm';
import { sessionRevokedSql } from '../auth/sessions';
import type { Db, Tx } from '../db/database';
import { p, prebuild } from '../db/prebuilt';
import { syncClients } from '../db/schema';

/*
 * The push's own statements (push.ts says what they do), built once per shape (prebuilt.ts)
 * instead of once per push: the lock differs by whether the token names a session, the
 * closing update by whether anything wrote a clock stamp. Values are placeholders.
 */

/** The lock, with placeholders or (for tests) with a push's values. */
export function buildLock(db: Db, session: string | undefined, clientId = p('clientId')) {
  return db
    .select({
      companyId: syncClients.companyId,
      userId: syncClients.userId,
      lastMutationId: syncClients.lastMutationId,
      version: sql<string>`pg_current_xact_id()::text`,
      revoked: sessionRevokedSql(session),
    })
    .from(syncClients)
    .where(eq(syncClients.id, clientId))
    .for('update');
}

export const locks = {
  named: prebuild((db) => buildLock(db, p('sessionId'))),
  unnamed: prebuild((db) => buildLock(db, undefined)),
};

/** Locks the client's row, reading its owner, lastMutationId, this transaction's id and whether the session was signed out. */
export function lockClientRow(tx: Tx, clientId: string, sessionId: string | undefined) {
  return sessionId === undefined ? locks.unnamed.run(tx, { clientId }) : locks.named.run(tx, { clientId, sessionId });
}

/** The closing update, with placeholders or (for tests) with a push's values. */
export function buildClose(
  db: Db,
  withHlc: boolean,
  values = { clientId: p('clientId'), last: p<number>('last'), updatedAt: p<Date>('updatedAt'), hlc: p('hlc') },
) {
  return db
    .update(syncClients)
    .set({
      lastMutationId: values.last,
      // This push's transaction id: a pull of this client delivers rows up to it (pull.ts).
      version: sql`pg_current_xact_id()::text::bigint`,
      updatedAt: values.updatedAt,
      ...(withHlc ? { maxHlc: sql`greatest(${syncClients.maxHlc} collate "C", ${values.hlc} collate "C")` } : {}),
    })
    .where(eq(syncClients.id, values.clientId));
}

export const closes = {
  withHlc: prebuild((db) => buildClose(db, true)),
  withoutHlc: prebuild((db) => buildClose(db, false)),
};

/** The client's new lastMutationId and, when given, its newest clock stamp (raised, never lowered). */
export async function closeClientRow(
  tx: Tx,
  values: { clientId: string; last: number; updatedAt: Date; hlc: string | undefined },
): Promise<void> {
  const { clientId, last, updatedAt, hlc } = values;
  if (hlc === undefined) await closes.withoutHlc.run(tx, { clientId, last, updatedAt });
  else await closes.withHlc.run(tx, { clientId, last, updatedAt, hlc });
}

import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { syncState } from '../db/schema';

export type SyncStateRow = typeof syncState.$inferSelect;

/** A random id usable as a client id (8–64 of [A-Za-z0-9_-]) and as an HLC node. */
export function randomSyncId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * The one sync_state row, made on first use. INSERT OR IGNORE then read, so two callers
 * (or two connections) racing to create it end up with the same row.
 */
export function readSyncState(db: Db): SyncStateRow {
  const row = db.select().from(syncState).where(eq(syncState.id, 1)).get();
  if (row) return row;
  db.insert(syncState).values({ id: 1, clientId: randomSyncId() }).onConflictDoNothing().run();
  return db.select().from(syncState).where(eq(syncState.id, 1)).get()!;
}

export function updateSyncState(db: Db, patch: Partial<Omit<SyncStateRow, 'id'>>): void {
  readSyncState(db);
  db.update(syncState).set(patch).where(eq(syncState.id, 1)).run();
}

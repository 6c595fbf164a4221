import { asc, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { outbox } from '../schema';

export interface OutboxEntry {
  mutationId: number;
  name: string;
  args: unknown;
  createdAt: string;
}

/**
 * Queues a mutation for the server. Always call it inside the same transaction as the
 * rows it describes: if the app died between the two writes, the change would exist
 * on this desktop and never reach the server (or the server would get a change this
 * desktop never made). The sync engine (a later issue) pushes and drops these rows.
 */
export function appendOutbox(db: Db, name: string, args: unknown, createdAt: string): number {
  const row = db.insert(outbox).values({ name, args, createdAt }).returning({ id: outbox.mutationId }).get();
  return row.id;
}

export function pendingOutbox(db: Db, limit = 1000): OutboxEntry[] {
  return db.select().from(outbox).orderBy(asc(outbox.mutationId)).limit(limit).all();
}

export function outboxCount(db: Db): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(outbox)
      .get()?.n ?? 0
  );
}

import { asc, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { outbox } from '../schema';

export interface OutboxEntry {
  mutationId: number;
  name: string;
  args: unknown;
  createdAt: string;
  hlc: string;
}

/**
 * Rows enter the outbox only through sync/append-mutation.ts (protocol-checked, HLC
 * stamped, inside the writer's transaction); this module only reads them.
 */
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

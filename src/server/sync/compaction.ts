import { and, eq, lt, lte, max, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { companies, tombstones } from '../db/schema';

/**
 * Forgets tombstones of deletes older than `before` and raises the company's horizon to
 * the newest version forgotten. A client whose cursor is below the horizon might have
 * missed one of those deletes, so its next pull answers `reset: true` and it rebuilds its
 * cache. Both happen in one transaction: a pull never sees tombstones gone but the old
 * horizon (it would then silently miss deletes).
 */
export async function compactTombstones(
  db: Db,
  companyId: string,
  before: Date,
): Promise<{ removed: number; horizon: number }> {
  return db.transaction(async (tx) => {
    // Serialises compactions of one company (writers no longer take this lock). A delete
    // committing meanwhile with a version at or below the horizon is simply kept: a
    // client whose cursor is at or above the horizon saw it already (pull.ts: a cursor
    // never passes a transaction still running), and one below it starts over anyway.
    const [company] = await tx.select().from(companies).where(eq(companies.id, companyId)).for('update');
    if (!company) throw new Error(`No company ${companyId}`);
    const [newest] = await tx
      .select({ version: max(tombstones.version) })
      .from(tombstones)
      .where(and(eq(tombstones.companyId, companyId), lt(tombstones.deletedAt, before)));
    const horizon = Math.max(company.horizon, Number(newest?.version ?? 0));
    const removed = await tx
      .delete(tombstones)
      .where(and(eq(tombstones.companyId, companyId), lte(tombstones.version, horizon)))
      .returning({ id: tombstones.id });
    await tx
      .update(companies)
      .set({ horizon: sql`${horizon}` })
      .where(eq(companies.id, companyId));
    return { removed: removed.length, horizon };
  });
}

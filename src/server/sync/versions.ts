import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/database';
import { companies } from '../db/schema';

/**
 * Takes the company's next change version, to stamp on every row this transaction
 * writes. The UPDATE locks the company row until commit, so versions commit in the
 * order they are taken: once a pull's snapshot shows version V, every write stamped
 * ≤ V is committed and visible in that snapshot. Without the lock (say, a global
 * sequence) a pull could read V+1 while V is still uncommitted, advance its cursor past
 * V, and never see that row. The price is that writes within one company serialise on
 * this row for the rest of their transaction, so take the version just before writing.
 *
 * `hlc` raises the company's newest accepted clock stamp (compared bytewise: packed
 * stamps sort by clock order only under the C collation).
 */
export async function takeVersion(tx: Tx, companyId: string, hlc?: string): Promise<number> {
  const [row] = await tx
    .update(companies)
    .set({
      version: sql`${companies.version} + 1`,
      ...(hlc ? { maxHlc: sql`greatest(${companies.maxHlc} collate "C", ${hlc} collate "C")` } : {}),
    })
    .where(eq(companies.id, companyId))
    .returning({ version: companies.version });
  if (!row) throw new Error(`Company ${companyId} does not exist`);
  return row.version;
}

/** Raises the company's newest accepted clock stamp (a batch takes one version, then folds in its stamps). */
export async function raiseMaxHlc(tx: Tx, companyId: string, hlc: string): Promise<void> {
  await tx
    .update(companies)
    .set({ maxHlc: sql`greatest(${companies.maxHlc} collate "C", ${hlc} collate "C")` })
    .where(eq(companies.id, companyId));
}

import { sql, type SQL } from 'drizzle-orm';
import type { Queryable, Tx } from '../db/database';

/**
 * Change versions are Postgres transaction ids. Every row a transaction writes is
 * stamped with `pg_current_xact_id()` (xid8: 64 bits, never wraps), the same number for
 * the whole transaction, savepoints included (a subtransaction reports its top-level
 * id). Taking it locks nothing, so the writes of one company run side by side, on as
 * many server instances as share the database.
 *
 * Transaction ids are handed out in start order, not commit order: a transaction with
 * id 100 may commit after 101. A pull therefore never trusts "the highest version I can
 * see"; it stops below the oldest transaction still running when its snapshot was taken
 * (the snapshot's xmin), and sync/pull.ts explains why that cursor can never pass a row
 * that commits later.
 *
 * Old rows keep the versions of the per-company counter that came before (companies.
 * version). Every one of those transactions also consumed a transaction id, so each
 * company's counter is below the transaction ids handed out since: cursors made by
 * the old server stay valid, and new writes sort after everything they have seen.
 *
 * `companyId` is unused now and kept so callers keep naming whose change this is.
 * `hlc` raises companies.max_hlc: the server's own writes (Twilio's call facts) have no
 * sync client to keep their clock stamp on (company-clock.ts). That UPDATE does lock the
 * company row, so it is only for those writes, which are few and short; desktops' pushes
 * keep their stamps on their own client row instead.
 */
export async function takeVersion(tx: Tx, companyId: string, hlc?: string): Promise<number> {
  if (hlc) await raiseServerClock(tx, companyId, hlc);
  return currentTransactionVersion(tx);
}

/** This transaction's id, assigned now if it has none yet. */
export async function currentTransactionVersion(tx: Tx): Promise<number> {
  return versionOf(await selectText(tx, sql`select pg_current_xact_id()::text as v`));
}

/** A transaction id read as text (bigint), as a JS number. */
export function versionOf(text: string | null): number {
  const version = Number(text);
  // Far beyond anything real (2^53 transactions); checked so a number never silently rounds.
  if (!Number.isSafeInteger(version)) throw new Error(`transaction id ${text} is out of range`);
  return version;
}

/** The text column `v` of a one-row query (both drivers answer `{ rows }`). */
export async function selectText(tx: Queryable, query: SQL): Promise<string | null> {
  const result = (await tx.execute(query)) as unknown as { rows: { v: string | null }[] };
  return result.rows[0]?.v ?? null;
}

/** Raises the newest clock stamp of the server's own writes (compared bytewise, as packed stamps sort). */
async function raiseServerClock(tx: Tx, companyId: string, hlc: string): Promise<void> {
  await tx.execute(sql`
    update companies set max_hlc = ${hlc}
    where id = ${companyId} and (max_hlc is null or max_hlc collate "C" < ${hlc} collate "C")`);
}

import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db/database';
import { selectText } from './versions';

/**
 * The company clock a pull hands to every desktop, so that an edit made after seeing a
 * change is stamped after it (hybrid logical clocks, shared/sync/hlc.ts). It is the
 * newest stamp the company has accepted, and it used to be one column on the company
 * row, raised by every push: a row lock every write of the company waited for.
 *
 * Now each sync client keeps the newest stamp of its own applied mutations on its own
 * row (which the push locks anyway, to sequence the client's mutation ids), the
 * server's own writes keep theirs on companies.max_hlc (versions.ts), and the company
 * clock is the greatest of them, read through the (company, max_hlc collate "C") index.
 * Stamps compare bytewise: packed stamps sort in clock order only under the C collation.
 */
export async function companyClock(tx: Queryable, companyId: string): Promise<string | null> {
  return selectText(tx, sql`select ${companyClockSql(companyId)} as v`);
}

/** The same, as an expression for a query that reads more (a pull's first statement). */
export function companyClockSql(companyId: string): SQL {
  return sql`greatest(
    (select max_hlc collate "C" from companies where id = ${companyId}),
    (select max(max_hlc collate "C") from sync_clients where company_id = ${companyId}))`;
}

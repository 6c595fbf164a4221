import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import type { WriteTx } from '../write-tx';
import { accounts, calls, cases, contacts, leads, notes, opportunities, tasks, teammates } from '../schema';

/** The tables that hold demo rows, children before parents (the order removal needs). */
const demoTables = {
  note: notes,
  task: tasks,
  call: calls,
  case: cases,
  opportunity: opportunities,
  lead: leads,
  contact: contacts,
  account: accounts,
} as const;

/**
 * How many demo rows each table holds. `is_demo = 1` is written as a literal so SQLite
 * can use the partial demo indexes (a bound parameter would not match their WHERE).
 */
export function demoCounts(db: Db): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries(demoTables)) {
    counts[name] =
      db
        .select({ n: sql<number>`count(*)` })
        .from(table)
        .where(sql`is_demo = 1`)
        .get()?.n ?? 0;
  }
  return counts;
}

/**
 * Deletes every demo row and nothing else, in one transaction. Children of demo rows go
 * with them through foreign keys and triggers (participants, history, phones,
 * reminders); a real contact at a demo account keeps living, unlinked.
 */
export function removeDemo({ db }: WriteTx): void {
  for (const table of Object.values(demoTables))
    db.delete(table)
      .where(sql`is_demo = 1`)
      .run();
  db.delete(teammates)
    .where(sql`is_demo = 1`)
    .run();
}

import type Database from 'better-sqlite3';
import { describeNumber } from '../lookup/number-facts';

/**
 * Data steps of migrations that SQL cannot do, keyed by the migration's tag. The migrator
 * (migrate.ts) runs a migration's step right after its SQL statements, in the same
 * transaction and before user_version moves, so a crash leaves the migration, its data
 * and its number all applied or none. Like the SQL files, a committed step never changes
 * meaning: a later change of rule is a new migration with a new step.
 *
 * A step runs against the schema of ITS migration (later migrations are not applied yet),
 * so it names columns in raw SQL rather than through the drizzle schema, which describes
 * the newest version.
 */
export type BackfillStep = (sqlite: Database.Database) => void;

/** Rows read per round: bounds memory on a store with millions of numbers. */
const BATCH = 10_000;

/**
 * 0007_phone_number_facts: every phone row written before it gets the display form and
 * country zone that phoneRowValues (repositories/phones.ts) gives new rows. The UPDATE
 * fires 0007's trigger that copies them onto the row's caller card. Keyset batches by id
 * with the same statements each round; numbers repeat (an account and its contacts often
 * share one), so a round derives each distinct number once.
 */
function backfillPhoneNumberFacts(sqlite: Database.Database): void {
  const next = sqlite.prepare<[number, number], { id: number; e164: string }>(
    `SELECT id, e164 FROM phones WHERE id > ? AND display IS NULL ORDER BY id LIMIT ?`,
  );
  const fill = sqlite.prepare<[string, string | null, number]>(
    `UPDATE phones SET display = ?, country_zone = ? WHERE id = ?`,
  );
  // Phone ids are SQLite-assigned rowids, 1 and up; a hand-made id below this bound would
  // only stay NULL, which the pop handles by deriving at read time.
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const rows = next.all(after, BATCH);
    if (rows.length === 0) return;
    const facts = new Map<string, ReturnType<typeof describeNumber>>();
    for (const row of rows) {
      let known = facts.get(row.e164);
      if (!known) {
        known = describeNumber(row.e164);
        facts.set(row.e164, known);
      }
      fill.run(known.display, known.zone, row.id);
    }
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * The same fill as 0007's step, for the rows of one window of ids (after, after + span],
 * for the sync engine to run in slices with yields between them after a first directory
 * download, which writes its numbers without facts (cache-write.ts, `deferNumberFacts`).
 * Bounded by a window of ids rather than a count of NULL rows so that a slice over a store
 * already filled reads `span` rows, never the whole table. Each filled row fires 0007's
 * trigger that copies the facts onto its caller card. Returns how many rows it read to fill.
 * `write` runs the UPDATEs in one transaction (the sync engine passes its write path).
 */
export function fillNumberFactsWindow(
  sqlite: Database.Database,
  after: number,
  span: number,
  write: (fill: () => void) => void = (fill) => sqlite.transaction(fill)(),
): number {
  const rows = sqlite
    .prepare<[number, number], { id: number; e164: string }>(
      `SELECT id, e164 FROM phones WHERE id > ? AND id <= ? AND display IS NULL ORDER BY id`,
    )
    .all(after, after + span);
  if (rows.length === 0) return 0;
  // Derived before the transaction: the write lock is held for the UPDATEs only, so a
  // writer on another connection (the main thread's, when this runs in a worker) waits less.
  const facts = rows.map((row) => describeNumber(row.e164));
  // Read outside the transaction: only a row still holding the number its facts came from.
  const fill = sqlite.prepare<[string, string | null, number, string]>(
    `UPDATE phones SET display = ?, country_zone = ? WHERE id = ? AND e164 = ? AND display IS NULL`,
  );
  write(() => {
    rows.forEach((row, i) => fill.run(facts[i]!.display, facts[i]!.zone, row.id, row.e164));
  });
  return rows.length;
}

export const backfills: Readonly<Record<string, BackfillStep>> = {
  '0007_phone_number_facts': backfillPhoneNumberFacts,
};

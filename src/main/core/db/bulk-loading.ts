import type Database from 'better-sqlite3';

/**
 * `bulk_loading()`, the SQL function the directory's read-model triggers ask (migration
 * 0022): true only on a connection that is writing a first directory download in bulk,
 * whose rows the search index and the caller cards then get from a rebuild
 * (sync/bulk-load.ts) rather than row by row.
 *
 * A function and not a flag in a table, because the answer must be per connection: the
 * agent's own writes on the main connection during the download keep their triggers, so
 * their pop and search are right at once. Every connection this app opens registers it
 * (db/open.ts); a connection that has not (the sqlite3 shell) cannot write those tables
 * ("no such function"), which no code path of the app does.
 */
const bulkConnections = new WeakSet<Database.Database>();

export function registerBulkLoading(sqlite: Database.Database): void {
  sqlite.function('bulk_loading', { deterministic: false }, () => (bulkConnections.has(sqlite) ? 1 : 0));
}

/** Turns this connection's bulk writing on or off (its triggers skip the read models while on). */
export function setBulkLoading(sqlite: Database.Database, on: boolean): void {
  if (on) bulkConnections.add(sqlite);
  else bulkConnections.delete(sqlite);
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { CoreError } from '../errors';
import { backfills, type BackfillStep } from './backfills';

/**
 * Applies drizzle-kit's generated migrations (meta/_journal.json + one SQL file each),
 * plus, for the few that need it, a data step in JavaScript registered by tag in
 * backfills.ts (SQL cannot call libphonenumber), run inside the same transaction.
 *
 * Our own small migrator rather than drizzle's because we need three things it does not
 * give: refusing a database written by a newer build, migrating to an exact version
 * (tests migrate to N-1, insert rows, then to N), and a version number that lives in
 * the file header (PRAGMA user_version = how many migrations are applied), which any
 * SQLite tool can read and which changes in the same transaction as the migration.
 * Migrations are immutable once committed: a change is always a new migration.
 */
export interface Migration {
  /** 1-based: after applying it, user_version is this number. */
  version: number;
  tag: string;
  statements: string[];
  /** A data step in JavaScript (backfills.ts), run after the statements in the same transaction. */
  backfill?: BackfillStep;
}

interface Journal {
  entries: { idx: number; tag: string }[];
}

export function readMigrations(migrationsDir: string): Migration[] {
  const journal = JSON.parse(readFileSync(join(migrationsDir, 'meta', '_journal.json'), 'utf8')) as Journal;
  return [...journal.entries]
    .sort((a, b) => a.idx - b.idx)
    .map((entry, position) => {
      if (entry.idx !== position) {
        throw new Error(`Migration journal has a gap: expected idx ${position}, found ${entry.idx} (${entry.tag}).`);
      }
      const sqlText = readFileSync(join(migrationsDir, `${entry.tag}.sql`), 'utf8');
      const statements = sqlText
        .split('--> statement-breakpoint')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
      const backfill = backfills[entry.tag];
      return { version: position + 1, tag: entry.tag, statements, ...(backfill ? { backfill } : {}) };
    });
}

export function schemaVersionOf(sqlite: Database.Database): number {
  return sqlite.pragma('user_version', { simple: true }) as number;
}

export interface MigrateOptions {
  /** Shown in the "from the future" message, so the agent knows which file to move. */
  file: string;
  /** Stop at this version (tests); defaults to every known migration. */
  target?: number;
  appVersion?: string;
}

export interface MigrateResult {
  from: number;
  to: number;
}

export function assertNotFromFuture(sqlite: Database.Database, known: number, options: MigrateOptions): number {
  const current = schemaVersionOf(sqlite);
  if (current > known) {
    const build = options.appVersion ? `this version (${options.appVersion})` : 'this version';
    throw new CoreError(
      'database_from_future',
      `This database was written by a newer Switchboard (schema ${current}; ${build} knows ${known}). ` +
        `Update Switchboard, or move ${options.file} aside to start with an empty one.`,
    );
  }
  return current;
}

export function migrate(sqlite: Database.Database, migrations: Migration[], options: MigrateOptions): MigrateResult {
  const known = migrations.length;
  const from = assertNotFromFuture(sqlite, known, options);
  const target = options.target ?? known;
  if (target < from) {
    throw new Error(`Cannot migrate down from schema ${from} to ${target}: migrations only go forward.`);
  }
  if (target > known) throw new Error(`There is no schema ${target}; this build knows ${known}.`);
  if (target === from) return { from, to: from };

  // A migration that rebuilds a table (drizzle-kit does for most ALTERs in SQLite) must
  // run with foreign keys off, or dropping the old table would cascade into its
  // children. The pragma is ignored inside a transaction, so it is switched here, and
  // each migration checks the keys itself before it commits.
  const foreignKeys = sqlite.pragma('foreign_keys', { simple: true }) as number;
  sqlite.pragma('foreign_keys = OFF');
  try {
    for (const migration of migrations.slice(from, target)) {
      sqlite.transaction(() => {
        for (const statement of migration.statements) sqlite.exec(statement);
        migration.backfill?.(sqlite);
        const broken = sqlite.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) {
          throw new Error(`Migration ${migration.tag} left ${broken.length} rows with broken foreign keys.`);
        }
        // user_version lives in the file header and is written in this transaction: a
        // crash leaves either the whole migration and its number, or neither.
        sqlite.pragma(`user_version = ${migration.version}`);
      })();
    }
  } finally {
    if (foreignKeys) sqlite.pragma('foreign_keys = ON');
  }
  return { from, to: target };
}

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { Db } from './client';
import { migrate, readMigrations, schemaVersionOf } from './migrate';
import * as schema from './schema';

export interface LocalDb {
  sqlite: Database.Database;
  db: Db;
  file: string;
  /** The addon this connection loaded (another connection, e.g. a worker's, must load the same). */
  nativeBinding: string | undefined;
  schemaVersion: number;
  close(): void;
}

export interface OpenOptions {
  file: string;
  migrationsDir: string;
  appVersion?: string;
  /** Migrate only up to this version (tests of data-changing migrations). */
  targetVersion?: number;
  /** better-sqlite3's addon file, when not node_modules' own (the Electron build in development). */
  nativeBinding?: string;
}

/** Opens (creating if needed) the local store and brings its schema up to date. */
export function openLocalDb(options: OpenOptions): LocalDb {
  mkdirSync(dirname(options.file), { recursive: true });
  const sqlite = new Database(options.file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    // WAL: readers never block the writer, and a crash loses at most the last commit.
    // synchronous=NORMAL is safe with WAL (no corruption; a power cut may drop the
    // latest transactions) and makes each commit far cheaper than FULL.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    migrate(sqlite, readMigrations(options.migrationsDir), {
      file: options.file,
      ...(options.targetVersion !== undefined ? { target: options.targetVersion } : {}),
      ...(options.appVersion !== undefined ? { appVersion: options.appVersion } : {}),
    });
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const db = drizzle(sqlite, { schema });
  return {
    sqlite,
    db,
    file: options.file,
    nativeBinding: options.nativeBinding,
    schemaVersion: schemaVersionOf(sqlite),
    close: () => sqlite.close(),
  };
}

/**
 * A second connection to a store another connection has already opened and migrated
 * (a worker thread's): same pragmas, no migration.
 */
export function openLocalConnection(options: { file: string; nativeBinding?: string | undefined }): LocalDb {
  const sqlite = new Database(options.file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return {
    sqlite,
    db: drizzle(sqlite, { schema }),
    file: options.file,
    nativeBinding: options.nativeBinding,
    schemaVersion: schemaVersionOf(sqlite),
    close: () => sqlite.close(),
  };
}

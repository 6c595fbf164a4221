import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { lockDataDir, type DataDirRole } from './data-dir-lock';
import { PipelinedClient } from './pipelined-client';

/**
 * Both drivers give the same drizzle surface; the rest of the server only sees this.
 * Without a schema: the server writes its queries with the query builder and never uses
 * drizzle's relational queries (`db.query.…`), whose builders drizzle would otherwise make
 * for every table at the start of every transaction (a push and a pull are one each).
 */
export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the database or an open transaction: read helpers accept both. */
export type Queryable = Db;

export interface Database {
  readonly db: Db;
  readonly kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Any constant works as long as every instance uses the same one: it serialises
 * migrations when several server instances start together on one database.
 */
const MIGRATION_LOCK_KEY = 4317_0001;

/**
 * How the server uses a real Postgres (DB_POOL_SIZE, DB_STATEMENT_TIMEOUT_MS,
 * DB_IDLE_IN_TRANSACTION_TIMEOUT_MS; 0 turns a timeout off). The timeouts matter beyond
 * the one request: pulls hold back every change newer than the oldest transaction still
 * open (sync/pull.ts), so a stuck statement or a transaction left open must end.
 */
export interface PoolOptions {
  poolSize?: number;
  statementTimeoutMs?: number;
  idleInTransactionTimeoutMs?: number;
}

export const DEFAULT_POOL: Required<PoolOptions> = {
  poolSize: 10,
  statementTimeoutMs: 60_000,
  idleInTransactionTimeoutMs: 30_000,
};

/** A real Postgres server through a node-postgres pool (how the server scales out). */
export async function openPostgres(url: string, options: PoolOptions = {}): Promise<Database> {
  const settings = { ...DEFAULT_POOL, ...options };
  const pool = new pg.Pool({
    // Repeated statements are prepared once per connection (statement-names.ts), and the
    // sync routes' transactions send several statements a round trip (pipelined-client.ts).
    Client: PipelinedClient,
    connectionString: url,
    max: settings.poolSize,
    // Sent as session settings when each connection opens: Postgres enforces them.
    statement_timeout: settings.statementTimeoutMs,
    idle_in_transaction_session_timeout: settings.idleInTransactionTimeoutMs,
  });
  // An idle client that loses its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = drizzlePg(pool) as unknown as Db;
  await migrateWithLock(pool);
  return { db, kind: 'postgres', close: () => pool.end() };
}

async function migrateWithLock(pool: pg.Pool): Promise<void> {
  // Advisory locks belong to a session, so lock, migrate and unlock on one connection.
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migratePg(drizzlePg(client), { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

/**
 * Embedded Postgres (PGlite): a data directory, or memory when `dataDir` is undefined.
 * One process owns a PGlite directory (data-dir-lock.ts says why); a second one, the
 * CLI while the server runs for instance, is refused with DataDirInUseError before
 * PGlite touches the folder. To run several processes, use DATABASE_URL.
 */
export async function openPglite(dataDir?: string, role: DataDirRole = 'server'): Promise<Database> {
  if (!dataDir) {
    const client = await PGlite.create();
    await migratePglite(drizzlePglite(client), { migrationsFolder });
    return { db: drizzlePglite(client) as unknown as Db, kind: 'pglite', close: () => client.close() };
  }
  mkdirSync(dataDir, { recursive: true });
  const lock = lockDataDir(dataDir, role);
  try {
    const client = await PGlite.create(dataDir);
    await migratePglite(drizzlePglite(client), { migrationsFolder });
    const db = drizzlePglite(client) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      async close() {
        try {
          await client.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

export interface DatabaseConfig {
  databaseUrl?: string;
  dataDir?: string;
  /** Who opens a PGlite folder: named in the refusal another process gets. */
  role?: DataDirRole;
  /** Pool size and timeouts of a real Postgres (PGlite is one connection in this process). */
  pool?: PoolOptions;
}

export function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl, config.pool) : openPglite(config.dataDir, config.role);
}

export async function isDatabaseReachable(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

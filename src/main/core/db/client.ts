import type { RunResult } from 'better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from './schema';

/**
 * The drizzle database the repositories take: the connection itself or a transaction
 * on it (both have the same query API), so a handler can compose several repository
 * writes into one transaction without the repositories knowing.
 */
export type Db = BaseSQLiteDatabase<'sync', RunResult, typeof schema>;

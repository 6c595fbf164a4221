import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgres, type Database } from '../../../src/server/db/database';
import { openPgliteForTest } from './pglite-template';
import { templateName } from './postgres-template';

/**
 * A fresh, migrated database for one test file. PGlite in memory by default (started from
 * the migrated dump pglite-template.ts makes in vitest's globalSetup); with
 * TEST_DATABASE_URL, a uniquely named database on that server, cloned from the migrated
 * template (postgres-template.ts, made by vitest's globalSetup), dropped on close.
 */
export async function createTestDatabase(): Promise<Database> {
  const adminUrl = process.env['TEST_DATABASE_URL'];
  if (!adminUrl) return openPgliteForTest();
  const name = `sb_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${templateName()}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), { poolSize: 4 });
  return {
    ...database,
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

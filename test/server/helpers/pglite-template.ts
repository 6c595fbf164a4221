import { PGlite } from '@electric-sql/pglite';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { migrationsFolder, type Database, type Db } from '../../../src/server/db/database';
import { templateName } from './postgres-template';

/**
 * On PGlite (no TEST_DATABASE_URL), every server test file opened an empty in-memory
 * database: initdb and every migration, 3-4 s on a quiet 2-core machine and 16-19 s at
 * load 13. vitest's globalSetup migrates one database and dumps its data folder once; a
 * test file starts PGlite from that dump (5.6-9 s at load 13). The dump's name carries the
 * migrations' hash and PGlite's version, so a changed migration makes a new one.
 */

// The package's exports hide its package.json; it sits above the resolved entry (dist/).
const pgliteEntry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
const pgliteVersion = (
  JSON.parse(readFileSync(path.join(path.dirname(pgliteEntry), '..', 'package.json'), 'utf8')) as { version: string }
).version;

export function pgliteDumpFile(): string {
  return path.resolve('node_modules/.cache/switchboard-test', `${templateName()}-pglite-${pgliteVersion}.tar`);
}

/** vitest globalSetup: make the migrated dump unless this run's already exists. */
export default async function setup(): Promise<void> {
  if (process.env['TEST_DATABASE_URL']) return;
  const file = pgliteDumpFile();
  if (existsSync(file)) return;
  const client = await PGlite.create();
  try {
    await migrate(drizzle(client), { migrationsFolder });
    const dump = await client.dumpDataDir('none');
    mkdirSync(path.dirname(file), { recursive: true });
    // Written aside and renamed, so a run that dies half way never leaves half a dump.
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
  } finally {
    await client.close();
  }
}

/** A migrated in-memory PGlite: from the dump when globalSetup made one, else from scratch. */
export async function openPgliteForTest(): Promise<Database> {
  const file = pgliteDumpFile();
  const client = existsSync(file)
    ? await PGlite.create({ loadDataDir: new Blob([readFileSync(file)]) })
    : await PGlite.create();
  // From the dump this only reads the journal; from scratch it migrates.
  await migrate(drizzle(client), { migrationsFolder });
  return { db: drizzle(client) as unknown as Db, kind: 'pglite', close: () => client.close() };
}

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { migrationsFolder as migrationsDir, openPostgres } from '../../../src/server/db/database';

/**
 * With TEST_DATABASE_URL, every test file gets its own database on one Postgres cluster.
 * Migrating each one ran every migration in one long transaction per file, and a pull's
 * bound (pg_snapshot_xmin) is cluster-wide: while another file migrated, a pull in this
 * file held back rows committed after the migration began, so a desktop synced right
 * after a colleague's push missed it, at random under load. Migrating once into a
 * template and cloning it (CREATE DATABASE … TEMPLATE, no long transaction) removes that
 * and saves the migration time per file.
 *
 * The template's name carries a hash of the migrations, so a changed migration gets a
 * new template and an unchanged one is reused by the next run.
 */
export function templateName(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsDir).sort()) {
    if (file.endsWith('.sql')) hash.update(file).update(readFileSync(join(migrationsDir, file)));
  }
  hash.update(readFileSync(join(migrationsDir, 'meta', '_journal.json')));
  return `sb_template_${hash.digest('hex').slice(0, 16)}`;
}

function urlOf(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** vitest globalSetup: make sure the migrated template exists before any test file runs. */
export default async function setup(): Promise<void> {
  const adminUrl = process.env['TEST_DATABASE_URL'];
  if (!adminUrl) return;
  const name = templateName();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount) return;
    // Built under another name and renamed when complete, so a run that dies half way, or
    // a second run building at the same time, never leaves a half-migrated template.
    const building = `${name}_${process.pid}`;
    await admin.query(`create database ${building}`);
    const database = await openPostgres(urlOf(adminUrl, building), { poolSize: 1 });
    await database.close();
    try {
      await admin.query(`alter database ${building} rename to ${name}`);
    } catch {
      await admin.query(`drop database if exists ${building} with (force)`);
    }
  } finally {
    await admin.end();
  }
}

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../../../../src/main/core/errors';
import { readMigrations, schemaVersionOf } from '../../../../src/main/core/db/migrate';
import { migrationsDir, openTestDb, tempDir } from '../helpers';

const known = readMigrations(migrationsDir).length;

function tableNames(sqlite: Database.Database): string[] {
  return (
    sqlite.prepare(`select name from sqlite_master where type in ('table') order by name`).all() as { name: string }[]
  ).map((r) => r.name);
}

describe('migrations', () => {
  it('reads every migration drizzle-kit generated, in journal order, split on statement breakpoints', () => {
    const migrations = readMigrations(migrationsDir);
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(migrations[0]?.tag).toBe('0000_init');
    expect(migrations.every((m) => m.statements.length > 0)).toBe(true);
  });

  it('brings a fresh database to the latest schema, with WAL, foreign keys and NORMAL sync', () => {
    const local = openTestDb();
    expect(schemaVersionOf(local.sqlite)).toBe(known);
    expect(local.schemaVersion).toBe(known);
    const tables = tableNames(local.sqlite);
    for (const table of [
      'calls',
      'call_participants',
      'call_status_history',
      'accounts',
      'contacts',
      'leads',
      'opportunities',
      'cases',
      'phones',
      'notes',
      'tasks',
      'reminders',
      'outbox',
      'sync_state',
      'settings',
      'calls_fts',
    ]) {
      expect(tables).toContain(table);
    }
    expect(local.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(local.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(local.sqlite.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
  });

  it('re-opening an up-to-date database applies nothing and keeps its rows', () => {
    const file = join(tempDir(), 'reopen.sqlite');
    const first = openTestDb({ file });
    first.sqlite.prepare(`insert into settings (key, value) values ('marker', '"kept"')`).run();
    const schemaBefore = first.sqlite.prepare('select sql from sqlite_master order by name').all();
    first.close();

    const second = openTestDb({ file });
    expect(schemaVersionOf(second.sqlite)).toBe(known);
    expect(second.sqlite.prepare('select sql from sqlite_master order by name').all()).toEqual(schemaBefore);
    expect(second.sqlite.prepare(`select value from settings where key = 'marker'`).get()).toEqual({ value: '"kept"' });
  });

  it('refuses a database written by a newer Switchboard, naming both schema versions and the file', () => {
    const file = join(tempDir(), 'future.sqlite');
    openTestDb({ file }).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${known + 2}`);
    raw.close();

    let error: unknown;
    try {
      openTestDb({ file });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CoreError);
    expect((error as CoreError).code).toBe('database_from_future');
    expect((error as CoreError).message).toContain(`schema ${known + 2}`);
    expect((error as CoreError).message).toContain(`knows ${known}`);
    expect((error as CoreError).message).toContain(file);
    // Refused without touching it.
    const after = new Database(file, { readonly: true });
    expect(schemaVersionOf(after)).toBe(known + 2);
    after.close();
  });

  it('migrates step by step to an exact version, and never down', () => {
    const file = join(tempDir(), 'steps.sqlite');
    const v1 = openTestDb({ file, targetVersion: 1 });
    expect(schemaVersionOf(v1.sqlite)).toBe(1);
    expect(tableNames(v1.sqlite)).not.toContain('calls_fts');
    v1.close();
    const latest = openTestDb({ file });
    expect(schemaVersionOf(latest.sqlite)).toBe(known);
    latest.close();
    expect(() => openTestDb({ file, targetVersion: 1 })).toThrow(/cannot migrate down/i);
  });

  it('rolls a failing migration back whole, leaving the previous version in place', async () => {
    const { mkdirSync, writeFileSync, readFileSync, cpSync } = await import('node:fs');
    const dir = tempDir();
    cpSync(migrationsDir, dir, { recursive: true });
    const journalFile = join(dir, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
    journal.entries.push({ idx: known, version: '6', when: 0, tag: '9999_broken', breakpoints: true });
    writeFileSync(journalFile, JSON.stringify(journal));
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, '9999_broken.sql'),
      'CREATE TABLE half_done (x integer);\n--> statement-breakpoint\nINSERT INTO no_such_table VALUES (1);',
    );
    const { openLocalDb } = await import('../../../../src/main/core/db/open');
    const file = join(tempDir(), 'broken.sqlite');
    expect(() => openLocalDb({ file, migrationsDir: dir })).toThrow(/no_such_table/);
    const raw = new Database(file);
    expect(schemaVersionOf(raw)).toBe(known);
    expect(tableNames(raw)).not.toContain('half_done');
    raw.close();
  });
});

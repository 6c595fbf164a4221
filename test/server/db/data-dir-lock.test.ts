import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, LOCK_FILE, lockDataDir } from '../../../src/server/db/data-dir-lock';
import { openPglite } from '../../../src/server/db/database';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'switchboard-lock-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the PGlite data folder lock', () => {
  it('refuses a second holder while the first is alive, naming the server and what to do', () => {
    const first = lockDataDir(dir, 'server', { pid: 1111, isAlive: () => true });
    let refusal: unknown;
    try {
      lockDataDir(dir, 'cli', { pid: 2222, isAlive: () => true });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DataDirInUseError);
    expect((refusal as Error).message).toMatch(
      /^The server is running on this data folder \(.*process 1111\); stop it first/,
    );
    expect((refusal as Error).message).toContain('set DATABASE_URL to a Postgres server');
    first.release();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('tells the server that a CLI command holds the folder', () => {
    lockDataDir(dir, 'cli', { pid: 3333, isAlive: () => true });
    expect(() => lockDataDir(dir, 'server', { pid: 4444, isAlive: () => true })).toThrow(
      /A server CLI command is using this data folder .*process 3333\); wait for it to finish/,
    );
  });

  it('takes over a lock whose process died', () => {
    lockDataDir(dir, 'server', { pid: 5555 });
    const lock = lockDataDir(dir, 'cli', { pid: 6666, isAlive: (pid) => pid !== 5555 });
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: 6666, role: 'cli' });
    lock.release();
  });

  it('takes over a lock file that is empty or garbled (its writer died mid-write)', () => {
    writeFileSync(path.join(dir, LOCK_FILE), '{"pid":');
    const lock = lockDataDir(dir, 'server', { pid: 7777, isAlive: () => true });
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(7777);
    lock.release();
  });

  it('never removes a lock that another process took over after it', () => {
    const stale = lockDataDir(dir, 'server', { pid: 8888 });
    lockDataDir(dir, 'server', { pid: 9999, isAlive: (pid) => pid !== 8888 });
    stale.release();
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(9999);
  });

  // Creating a PGlite data folder runs initdb: seconds alone, much longer on a loaded machine.
  it('is held by an open PGlite database and released by closing it', { timeout: 120_000 }, async () => {
    const database = await openPglite(dir, 'server');
    await expect(openPglite(dir, 'cli')).rejects.toThrow(/The server is running on this data folder/);
    await database.close();
    const again = await openPglite(dir, 'cli');
    await again.close();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { CallRecord } from '../../../src/shared/domain/call';
import { openLocalDb, type LocalDb } from '../../../src/main/core/db/open';
import type { WriteTx } from '../../../src/main/core/db/write-tx';
import { createCore } from '../../../src/main/core/create-core';
import type { Core, CoreOptions } from '../../../src/main/core/types';

export const migrationsDir = join(process.cwd(), 'src/main/core/db/migrations');

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** A fresh folder in the OS temp dir, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-core-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A real SQLite file, migrated (to `targetVersion` when given), closed after the test. */
export function openTestDb(options: { file?: string; targetVersion?: number } = {}): LocalDb {
  const file = options.file ?? join(tempDir(), 'test.sqlite');
  const local = openLocalDb({
    file,
    migrationsDir,
    appVersion: '0.0.0-test',
    ...(options.targetVersion !== undefined ? { targetVersion: options.targetVersion } : {}),
  });
  cleanups.push(() => {
    if (local.sqlite.open) local.close();
  });
  return local;
}

/**
 * Test fixtures write rows straight into the store, as a pull or the demo would, without
 * the write entry point: this is the one place outside sync/mutate.ts that makes a WriteTx.
 */
export function fixtureTx(local: Pick<LocalDb, 'db' | 'sqlite'>): WriteTx {
  return local as WriteTx;
}

/** A fresh store with a fixture write handle on it. */
export function fixtureDb(): LocalDb & { tx: WriteTx } {
  const local = openTestDb();
  return Object.assign(local, { tx: fixtureTx(local) });
}

export const fixedNow = new Date('2026-03-10T14:00:00.000Z');

export function testCore(options: Partial<CoreOptions> = {}): Core & { dataDir: string } {
  const dataDir = options.dataDir ?? tempDir();
  const core = createCore({
    dataDir,
    host: 'browser',
    migrationsDir,
    version: '0.0.0-test',
    now: () => fixedNow,
    seedDemo: false,
    ...options,
  });
  cleanups.push(() => core.close());
  return { ...core, dataDir };
}

/** Unwraps a reply, failing the test with the error's sentence if it is one. */
export async function call<T = unknown>(core: Core, name: string, input: unknown): Promise<T> {
  const reply = await core.dispatch(name, input);
  if (!reply.ok) throw new Error(`${name} failed: ${reply.error.code}: ${reply.error.message}`);
  return reply.value as T;
}

let counter = 0;
/** A valid call record with sensible defaults, for repository tests. */
export function sampleCall(overrides: Partial<CallRecord> = {}): CallRecord {
  counter++;
  const at = overrides.createdAt ?? `2026-03-0${(counter % 9) + 1}T10:00:00.000Z`;
  return {
    id: `call-${counter}-${Math.random().toString(36).slice(2, 8)}`,
    direction: 'Outbound',
    subject: 'Quarterly review',
    status: 'Planned',
    statusReason: null,
    plannedStart: null,
    actualStart: null,
    actualEnd: null,
    durationSeconds: null,
    outcome: { dispositionCode: null, text: '' },
    participants: [],
    related: null,
    ownerId: 'user-1',
    teamId: null,
    fromNumber: null,
    toNumber: null,
    providerCallId: null,
    recordingUrl: null,
    quality: null,
    wrappedUpAt: null,
    history: [{ from: null, to: 'Planned', reason: null, at, by: 'user-1' }],
    createdAt: at,
    updatedAt: at,
    isDemo: false,
    ...overrides,
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../src/main/core/create-core';
import { openLocalDb } from '../../src/main/core/db/open';
import { getLocalUserId } from '../../src/main/core/db/repositories/settings';
import { printTable, type BenchResult } from './stats';

/**
 * Bulk actions, for `npm run bench -- bulk`: 20,000 calls in the local store, half of
 * them missed inbound calls. "Select all matching" Inbound + Not Held (10,000 calls)
 * and tag them through the core's dispatch, exactly as the bulk bar sends it: the
 * selection resolved, every call's tag.add applied and queued in the outbox, committed.
 * Target: the whole local commit of 10,000 tags ≤ 2 s. Then its Undo, and an untag.
 * Each is run three times (a new tag each time); the worst run is reported.
 */

const migrationsDir = join(process.cwd(), 'src/main/core/db/migrations');
const TOTAL = 20_000;
const ROUNDS = 3;

export async function bulkBench(): Promise<BenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-bulk-'));
  try {
    seed(dataDir);
    const core = createCore({ dataDir, host: 'browser', migrationsDir, version: 'bench', seedDemo: false });
    const selection = { filter: { direction: 'Inbound', status: ['NotHeld'] } };
    const timed = async (name: string, input: unknown) => {
      const t0 = performance.now();
      const reply = await core.dispatch(name, input);
      const ms = performance.now() - t0;
      if (!reply.ok) throw new Error(reply.error.message);
      return { ms, value: reply.value as { changed: number } };
    };
    const tag: number[] = [];
    const undo: number[] = [];
    const untag: number[] = [];
    let tagged = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const run = await timed('calls.bulk', { selection, action: { kind: 'tag', tag: `storm-${round}` } });
      tagged = run.value.changed;
      tag.push(run.ms);
      undo.push((await timed('calls.bulkUndo', {})).ms);
      await timed('calls.bulk', { selection, action: { kind: 'tag', tag: `kept-${round}` } });
      untag.push((await timed('calls.bulk', { selection, action: { kind: 'untag', tag: `kept-${round}` } })).ms);
    }
    core.close();
    const worst = (values: number[]) => Math.round(Math.max(...values));
    const figures = {
      bulk: {
        calls: TOTAL,
        taggedPerRun: tagged,
        tag10kMs: worst(tag),
        undo10kMs: worst(undo),
        untag10kMs: worst(untag),
        loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
      },
    };
    const b = figures.bulk;
    printTable(
      `Bulk actions: ${tagged.toLocaleString('en')} of ${TOTAL.toLocaleString('en')} calls selected by filter`,
      [
        ['measure (worst of 3, through dispatch)', 'ms', 'target'],
        ['bulk tag: resolve, apply, queue, commit', String(b.tag10kMs), '≤ 2000'],
        ['undo of that tag', String(b.undo10kMs), ''],
        ['bulk untag', String(b.untag10kMs), ''],
      ],
    );
    console.log(
      `load average (1 min) during the run: ${b.loadAverage1m} (shared machine: wall-clock figures are noisy)`,
    );
    return figures;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** 20,000 calls over 20 days: even ones missed inbound calls, odd ones held outbound calls. */
function seed(dataDir: string): void {
  const local = openLocalDb({ file: join(dataDir, 'switchboard.sqlite'), migrationsDir, appVersion: 'bench' });
  const userId = getLocalUserId(local.db);
  const call = local.sqlite.prepare(
    `insert into calls (id, direction, subject, status, actual_start, outcome_text, owner_id, from_number, created_at, updated_at)
     values (?, ?, ?, ?, ?, '', ?, ?, ?, ?)`,
  );
  const start = Date.parse('2026-11-01T08:00:00.000Z');
  local.sqlite.transaction(() => {
    for (let i = 0; i < TOTAL; i++) {
      const at = new Date(start + (i * 86_400_000) / 1000).toISOString();
      const inbound = i % 2 === 0;
      const number = `+1415555${String(i % 10_000).padStart(4, '0')}`;
      call.run(
        `bench-bulk-${i}`,
        inbound ? 'Inbound' : 'Outbound',
        `Bench call ${i}`,
        inbound ? 'NotHeld' : 'Held',
        at,
        userId,
        number,
        at,
        at,
      );
    }
  })();
  local.close();
}

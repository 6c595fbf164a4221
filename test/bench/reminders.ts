import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { manualClock } from '../../src/main/core/clock';
import { createCore } from '../../src/main/core/create-core';
import { openLocalDb } from '../../src/main/core/db/open';
import { getLocalUserId } from '../../src/main/core/db/repositories/settings';
import { createEventBus } from '../../src/main/core/events';
import type { HandlerContext } from '../../src/main/core/handler-context';
import { createReminderScheduler } from '../../src/main/core/reminders/scheduler';
import { commit } from '../../src/main/core/sync/mutate';
import { reminderId } from '../../src/shared/domain/reminder-rules';
import { SCHEDULE_PAGE_SIZE } from '../../src/shared/domain/time';
import { percentile, printTable, type BenchResult } from './stats';

/**
 * Reminders at scale, for `npm run bench -- reminders`: 100,000 planned calls, each with
 * a pending reminder for the agent, in the local store.
 *
 *  arm    after a change (a reminder snoozed through the write path), the scheduler finds
 *         the next pending reminder and sets its one timer: p99 ≤ 2 ms.
 *  week   the Schedule view's query for one week of planned calls (about 7,800 of them):
 *         its first page and the week's total, through the core's dispatch, exactly as
 *         ScheduleView sends it, soonest first: p99 ≤ 10 ms.
 */

const migrationsDir = join(process.cwd(), 'src/main/core/db/migrations');
const COUNT = Number(process.env['BENCH_REMINDER_COUNT'] ?? 100_000);
const ROUNDS = 500;
const DAY = 86_400_000;

export async function remindersBench(): Promise<BenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-reminders-'));
  const start = new Date('2027-01-04T08:00:00.000Z');
  try {
    const seedMs = seed(dataDir, start);
    const clock = manualClock(start);
    const core = createCore({ dataDir, host: 'browser', migrationsDir, version: 'bench', seedDemo: false, clock });
    const local = openLocalDb({ file: join(dataDir, 'switchboard.sqlite'), migrationsDir, appVersion: 'bench' });
    const userId = getLocalUserId(local.db);
    const ctx: HandlerContext = {
      local,
      events: createEventBus(),
      now: () => clock.now(),
      options: { dataDir, host: 'browser', version: 'bench' },
      userId,
      wakeSync: () => {},
    };
    const scheduler = createReminderScheduler({ ctx, clock });
    const arm: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const n = Math.floor(Math.random() * COUNT);
      const callId = `bench-call-${n}`;
      const remindAt = new Date(start.getTime() + (1 + Math.random() * 90) * DAY).toISOString();
      const at = clock.now().toISOString();
      commit(ctx, [
        {
          name: 'reminder.set',
          args: { id: reminderId(callId, userId, 15), callId, offsetMinutes: 15, remindAt, at },
        },
      ]);
      const t0 = performance.now();
      scheduler.arm();
      arm.push(performance.now() - t0);
    }
    const week: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const from = new Date(start.getTime() + Math.floor(Math.random() * 80) * DAY);
      const to = new Date(from.getTime() + 7 * DAY);
      const t0 = performance.now();
      const reply = await core.dispatch('calls.list', {
        status: ['Planned'],
        sort: 'planned',
        plannedFrom: from.toISOString(),
        plannedTo: to.toISOString(),
        limit: SCHEDULE_PAGE_SIZE,
        offset: 0,
      });
      week.push(performance.now() - t0);
      if (!reply.ok) throw new Error(reply.error.message);
    }
    scheduler.close();
    local.close();
    core.close();
    const figures = {
      reminders: {
        pending: COUNT,
        seedMs: Math.round(seedMs),
        armP50Ms: round(percentile(arm, 50)),
        armP99Ms: round(percentile(arm, 99)),
        scheduleWeekP50Ms: round(percentile(week, 50)),
        scheduleWeekP99Ms: round(percentile(week, 99)),
        // Wall-clock figures: on a shared machine they include the time other
        // processes held the cores, so the load they were taken under goes with them.
        loadAverage1m: round(loadavg()[0] ?? 0),
      },
    };
    const r = figures.reminders;
    printTable(`Reminders: ${COUNT.toLocaleString('en')} pending`, [
      ['measure', 'p50 ms', 'p99 ms', 'target p99'],
      ['arm the next after a change', String(r.armP50Ms), String(r.armP99Ms), '≤ 2'],
      ['Schedule: one week of planned calls', String(r.scheduleWeekP50Ms), String(r.scheduleWeekP99Ms), '≤ 10'],
    ]);
    console.log(`load average (1 min) during the run: ${r.loadAverage1m}`);
    return figures;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

/** 100,000 planned calls over 90 days (about 7,800 a week), each with the agent's pending reminder. */
function seed(dataDir: string, start: Date): number {
  const t0 = performance.now();
  const local = openLocalDb({ file: join(dataDir, 'switchboard.sqlite'), migrationsDir, appVersion: 'bench' });
  const userId = getLocalUserId(local.db);
  const call = local.sqlite.prepare(
    `insert into calls (id, direction, subject, status, planned_local, planned_zone, planned_utc, outcome_text, owner_id, created_at, updated_at)
     values (?, 'Outbound', ?, 'Planned', ?, 'UTC', ?, '', ?, ?, ?)`,
  );
  const history = local.sqlite.prepare(
    `insert into call_status_history (call_id, seq, from_status, to_status, reason, at, by) values (?, 0, null, 'Planned', null, ?, ?)`,
  );
  const reminder = local.sqlite.prepare(
    `insert into reminders (id, call_id, recipient_id, offset_minutes, remind_at) values (?, ?, ?, 15, ?)`,
  );
  local.sqlite.transaction(() => {
    for (let i = 0; i < COUNT; i++) {
      const planned = new Date(start.getTime() + DAY + (i / COUNT) * 90 * DAY);
      const utc = planned.toISOString();
      const id = `bench-call-${i}`;
      const created = start.toISOString();
      call.run(id, `Bench call ${i}`, utc.slice(0, 16), utc, userId, created, created);
      history.run(id, created, userId);
      reminder.run(reminderId(id, userId, 15), id, userId, new Date(planned.getTime() - 15 * 60_000).toISOString());
    }
  })();
  local.close();
  return performance.now() - t0;
}

import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { manualClock } from '../../src/main/core/clock';
import { createCore } from '../../src/main/core/create-core';
import { openLocalDb } from '../../src/main/core/db/open';
import { getLocalUserId } from '../../src/main/core/db/repositories/settings';
import { buildServer } from '../../src/server/app';
import { createCompany, createUser } from '../../src/server/auth/accounts';
import { openPostgres } from '../../src/server/db/database';
import { percentile, printTable, type BenchResult } from './stats';

/**
 * The dashboard at scale, for `npm run bench -- dashboard`:
 *
 *  local   the agent's dashboard for a month (the core's `analytics.dashboard`, exactly as
 *          the view asks) over 1,000,000 calls in the local store, spread over two years:
 *          p99 ≤ 50 ms. It reads the trigger-kept buckets (migration 0021: a row per 15 minutes).
 *  server  a supervisor's team summary for a month (GET /analytics/dashboard?scope=team,
 *          through Fastify) over 1,000,000 calls of 20 agents on Postgres: p99 ≤ 200 ms.
 *          A scratch database on DASHBOARD_DATABASE_URL (default the machine's
 *          postgres://postgres@127.0.0.1:5432/postgres), seeded with generate_series and
 *          dropped afterwards.
 */

const migrationsDir = join(process.cwd(), 'src/main/core/db/migrations');
const COUNT = Number(process.env['BENCH_DASHBOARD_COUNT'] ?? 1_000_000);
const ROUNDS = 200;
const FIRST = Date.parse('2025-01-01T00:00:00.000Z');
const SPAN_MS = 2 * 365 * 86_400_000;
const ZONE = 'America/New_York';
/**
 * BENCH_DASHBOARD_SEEDED=<file>: the seeded local store is kept there and reused by later
 * runs (migrated on open like any user's store), so a before/after comparison reads the
 * same calls and a run does not spend minutes seeding.
 */
const SEEDED = process.env['BENCH_DASHBOARD_SEEDED'];
const ADMIN_URL = process.env['DASHBOARD_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Months of the seeded span, as custom periods (first and last day). */
const months = Array.from({ length: 24 }, (_, i) => {
  const year = 2025 + Math.floor(i / 12);
  const month = (i % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const mm = String(month).padStart(2, '0');
  return { from: `${year}-${mm}-01`, to: `${year}-${mm}-${last}` };
});
const pick = () => months[Math.floor(Math.random() * months.length)]!;

function summary(samples: number[]) {
  return {
    p50: Number(percentile(samples, 50).toFixed(2)),
    p99: Number(percentile(samples, 99).toFixed(2)),
    max: Number(Math.max(...samples).toFixed(2)),
  };
}

/** 1M calls through plain inserts (the triggers keep the buckets as they would for the app). */
function seedLocal(dataDir: string): { userId: string; seconds: number } {
  const local = openLocalDb({ file: join(dataDir, 'switchboard.sqlite'), migrationsDir, appVersion: 'bench' });
  const userId = getLocalUserId(local.db);
  // The search index's trigger is dropped for the seed (the dashboard does not read it, and
  // it doubles the seed's time on a loaded machine); the dashboard's own triggers stay.
  local.sqlite.exec('drop trigger if exists calls_fts_after_insert');
  const t0 = performance.now();
  const insert = local.sqlite.prepare(
    `insert into calls (id, direction, subject, status, status_reason, actual_start, actual_end, duration_seconds,
      disposition_code, owner_id, created_at, updated_at, wrapped_up_at)
     values (?, ?, 'Bench call', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const codes = ['resolved', 'callback_requested', 'sale', 'not_interested', 'left_voicemail', 'no_answer', 'missed'];
  const batch = local.sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const start = FIRST + Math.floor(Math.random() * SPAN_MS);
      const held = Math.random() < 0.7;
      const talk = held ? 30 + Math.floor(Math.random() * 600) : 0;
      const startIso = new Date(start).toISOString();
      const endIso = new Date(start + talk * 1000 + 5000).toISOString();
      insert.run(
        `bench-${i}`,
        Math.random() < 0.6 ? 'Inbound' : 'Outbound',
        held ? 'Held' : 'NotHeld',
        held ? null : 'No answer',
        startIso,
        endIso,
        held ? talk : null,
        codes[i % codes.length],
        userId,
        startIso,
        endIso,
        held ? new Date(start + talk * 1000 + 5000 + Math.floor(Math.random() * 120_000)).toISOString() : null,
      );
    }
  });
  for (let i = 0; i < COUNT; i += 50_000) batch(i, Math.min(COUNT, i + 50_000));
  local.close();
  return { userId, seconds: (performance.now() - t0) / 1000 };
}

async function localBench() {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-dashboard-'));
  try {
    const file = join(dataDir, 'switchboard.sqlite');
    let seeded = { seconds: 0 };
    if (SEEDED && existsSync(SEEDED)) copyFileSync(SEEDED, file);
    else {
      seeded = seedLocal(dataDir);
      if (SEEDED) copyFileSync(file, SEEDED);
    }
    const clock = manualClock(new Date('2026-12-31T12:00:00.000Z'));
    const core = createCore({ dataDir, host: 'browser', migrationsDir, version: 'bench', seedDemo: false, clock });
    await core.dispatch('settings.update', { timeZone: ZONE });
    const samples: number[] = [];
    // CPU time per call (this process's user + system): far less swayed by the machine's
    // load than wall time, which also counts the time spent waiting for a core.
    const cpu: number[] = [];
    let happened = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const reply = await core.dispatch('analytics.dashboard', { period: 'custom', ...pick() });
      const used = process.cpuUsage(c0);
      samples.push(performance.now() - t0);
      cpu.push((used.user + used.system) / 1000);
      if (!reply.ok) throw new Error(reply.error.message);
      happened += (reply.value as { totals: { happened: number } }).totals.happened;
    }
    core.close();
    return {
      ...summary(samples),
      cpuP50: Number(percentile(cpu, 50).toFixed(2)),
      cpuMean: Number((cpu.reduce((a, b) => a + b, 0) / cpu.length).toFixed(2)),
      seedSeconds: Number(seeded.seconds.toFixed(1)),
      callsPerMonth: Math.round(happened / ROUNDS),
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function serverBench() {
  const name = `sb_bench_dashboard_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), { poolSize: 4 });
  try {
    const secret = new TextEncoder().encode('bench-secret-bench-secret-bench-secret');
    const password = 'bench passphrase long enough';
    const { company } = await createCompany(database.db, {
      name: 'Bench',
      slug: 'bench',
      adminEmail: 'admin@bench.test',
      adminPassword: password,
    });
    const agents: string[] = [];
    for (let i = 0; i < 20; i++) {
      const user = await createUser(database.db, company.id, {
        email: `agent${i}@bench.test`,
        password,
        displayName: `Agent ${i}`,
        role: 'agent',
      });
      agents.push(user.id);
    }
    await createUser(database.db, company.id, {
      email: 'sup@bench.test',
      password,
      displayName: 'Supervisor',
      role: 'supervisor',
    });
    const t0 = performance.now();
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    // One statement: 1M calls over two years, 20 agents, both directions, 70% held.
    await client.query(
      `insert into calls (company_id, id, direction, subject, status, status_reason, actual_start, actual_end,
         duration_seconds, occurred_at, disposition_code, participants, participant_user_ids, owner_id, history,
         field_hlc, created_at, updated_at, version, wrapped_up_at)
       select $1, 'bench-' || g, case when random() < 0.6 then 'Inbound' else 'Outbound' end, 'Bench call',
         s.status, case when s.status = 'NotHeld' then 'No answer' end, s.start, s.start + make_interval(secs => s.talk + 5),
         case when s.status = 'Held' then s.talk end, s.start, (array['resolved','sale','callback_requested','no_answer','missed'])[1 + g % 5],
         '[]'::jsonb, '{}', ($2::text[])[1 + g % 20], '[]'::jsonb, '{}'::jsonb, s.start, s.start, g,
         case when s.status = 'Held' then s.start + make_interval(secs => s.talk + 5 + floor(random() * 120)) end
       from generate_series(1, $3::int) g,
       lateral (select timestamptz '2025-01-01 00:00:00+00' + random() * interval '730 days' + (g * interval '0') as start,
                       case when random() < 0.7 then 'Held' else 'NotHeld' end as status,
                       (30 + floor(random() * 600))::int as talk) s`,
      [company.id, agents, COUNT],
    );
    // As autovacuum leaves a settled table: statistics, and the visibility map that lets the
    // month's scan read the covering index alone.
    await client.query('vacuum analyze calls');
    await client.end();
    const seedSeconds = (performance.now() - t0) / 1000;

    const app = buildServer({ db: database.db, authSecret: secret, logger: false });
    await app.ready();
    const login = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { company: 'bench', email: 'sup@bench.test', password },
    });
    const token = login.json<{ accessToken: string }>().accessToken;
    const samples: number[] = [];
    let rows = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const month = pick();
      const path = `/analytics/dashboard?period=custom&from=${month.from}&to=${month.to}&tz=${encodeURIComponent(ZONE)}&scope=team`;
      const t1 = performance.now();
      const reply = await app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${token}` } });
      samples.push(performance.now() - t1);
      if (reply.statusCode !== 200) throw new Error(`${reply.statusCode}: ${reply.body}`);
      rows += reply.json<{ totals: { happened: number } }>().totals.happened;
    }
    await app.close();
    return {
      ...summary(samples),
      seedSeconds: Number(seedSeconds.toFixed(1)),
      callsPerMonth: Math.round(rows / ROUNDS),
    };
  } finally {
    await database.close();
    const dropper = new pg.Client({ connectionString: ADMIN_URL });
    await dropper.connect();
    await dropper.query(`drop database if exists ${name} with (force)`);
    await dropper.end();
  }
}

/** BENCH_DASHBOARD_ONLY=local|server runs one half (the other's figures are then null). */
const ONLY = process.env['BENCH_DASHBOARD_ONLY'];
const skipped = {
  p50: null,
  p99: null,
  max: null,
  cpuP50: null,
  cpuMean: null,
  seedSeconds: null,
  callsPerMonth: null,
};

export async function dashboardBench(): Promise<BenchResult> {
  const load = loadavg().map((n) => n.toFixed(2));
  const local = ONLY === 'server' ? skipped : await localBench();
  const server = ONLY === 'local' ? skipped : await serverBench();
  printTable(`Dashboard, a month of ${COUNT.toLocaleString('en')} calls (load average ${load.join(', ')})`, [
    ['', 'p50 ms', 'p99 ms', 'max ms', 'CPU p50 / mean ms', 'target p99', 'calls/month', 'seed s'],
    [
      'agent, local store',
      String(local.p50),
      String(local.p99),
      String(local.max),
      `${local.cpuP50} / ${local.cpuMean}`,
      '50',
      String(local.callsPerMonth),
      String(local.seedSeconds),
    ],
    [
      'team, Postgres',
      String(server.p50),
      String(server.p99),
      String(server.max),
      '',
      '200',
      String(server.callsPerMonth),
      String(server.seedSeconds),
    ],
  ]);
  return {
    dashboard: {
      calls: COUNT,
      localMonthP50Ms: local.p50,
      localMonthP99Ms: local.p99,
      localMonthCpuP50Ms: local.cpuP50,
      localMonthCpuMeanMs: local.cpuMean,
      serverTeamMonthP50Ms: server.p50,
      serverTeamMonthP99Ms: server.p99,
      loadAverage: load.map(Number),
    },
  };
}

/**
 * `npm run bench -- load`: a call center against two server processes on one Postgres.
 *
 *  1. LOAD_AGENTS (500) simulated agents, each pushing a call with a note and pulling
 *     every LOAD_INTERVAL_MS (2,000) for LOAD_SECONDS (60), against LOAD_WORKERS (2)
 *     server processes behind one port (load-cluster.ts), after LOAD_WARMUP_SECONDS (10) of
 *     the same paced rounds, unmeasured. Errors, push and pull p50/p99, mutations/s, and the
 *     servers' RSS before and after.
 *  2. The comparison: LOAD_COMPARE_AGENTS (300) agents in a closed loop (no pause) for
 *     LOAD_COMPARE_SECONDS (30) against this build and against the build before the write
 *     path changed (LOAD_BASELINE_REF, a commit whose every write took the company's
 *     version row lock), each phase on its own fresh database, in LOAD_COMPARE_PAIRS (2)
 *     pairs ordered this, old, old, this (…): on a shared virtual machine the host's speed
 *     drifts (the same phase measured 722 to 1,056 mutations/s within ten minutes on
 *     2026-12-02), and the mirrored order cancels a steady drift instead of handing it to
 *     one build. The ratio is of the builds' mean throughputs; each pair's is printed too.
 *     LOAD_COMPARE=0 skips it.
 *
 * Postgres is the machine's (LOAD_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/
 * postgres); each run creates scratch databases and drops them. Loopback only: the
 * database URL must name a loopback host and the servers listen on 127.0.0.1. Bounded:
 * each phase stops at its time, and the servers are stopped whatever happens.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { postgresCpuMeter, processCpuMs } from './cpu-meter';
import { runAgents, type AgentIdentity, type RunFigures } from './load-agents';
import { percentile, printTable, type BenchResult } from './stats';

const env = process.env;
const ADMIN_URL = env['LOAD_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const AGENTS = Number(env['LOAD_AGENTS'] ?? 500);
const SECONDS = Number(env['LOAD_SECONDS'] ?? 60);
const INTERVAL_MS = Number(env['LOAD_INTERVAL_MS'] ?? 2000);
const WORKERS = Number(env['LOAD_WORKERS'] ?? 2);
const COMPARE = env['LOAD_COMPARE'] !== '0';
/** Paced rounds before the measured minute (load-agents.ts, warmUpSeconds: the servers' code optimised). */
const WARMUP_SECONDS = Number(env['LOAD_WARMUP_SECONDS'] ?? 10);
/**
 * ANALYZE the scratch database after the warm-up round (LOAD_ANALYZE=0: don't). A database
 * made seconds before has no statistics, and autovacuum's first ANALYZE comes after the
 * measured window: Postgres then plans for empty tables, and ties between indexes that
 * are equally cheap on an empty table go to ones that walk the whole company as the
 * tables grow (the notes trigger's call lookup took calls_version or calls_related, not
 * the primary key: every note read all of the company's calls). A running deployment's
 * tables have statistics, so the measured window starts with them.
 */
const ANALYZE = env['LOAD_ANALYZE'] !== '0';
const COMPARE_AGENTS = Number(env['LOAD_COMPARE_AGENTS'] ?? 300);
const COMPARE_SECONDS = Number(env['LOAD_COMPARE_SECONDS'] ?? 30);
const COMPARE_PAIRS = Math.max(1, Number(env['LOAD_COMPARE_PAIRS'] ?? 2));
/** The last commit with the per-company version lock on every write (before issue 11's item 1). */
const BASELINE_REF = env['LOAD_BASELINE_REF'] ?? '1ad50e915e037d0b1023e79a630afd287814248a';
const AUTH_SECRET = `load-bench-${randomBytes(16).toString('hex')}`;

function loopbackOnly(url: string): void {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host)) {
    throw new Error(`The load bench runs on loopback only; LOAD_DATABASE_URL names ${host}.`);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database on the admin URL's server; its URL and how to drop it. */
async function scratchDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `sb_load_${label}_${process.pid}_${randomBytes(3).toString('hex')}`;
  await admin((client) => client.query(`create database ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin((client) => client.query(`drop database if exists ${name} with (force)`)).then(() => {}),
  };
}

/** ANALYZE of the scratch database at `url`. */
async function analyze(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('analyze');
  } finally {
    await client.end();
  }
}

interface Cluster {
  pids: number[];
  port: number;
  stop(): Promise<void>;
}

/** The servers: load-cluster.ts with `entry` as each worker's program (it migrates the database). */
async function startCluster(databaseUrl: string, entry: string): Promise<Cluster> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'test/bench/load-cluster.ts'], {
    env: {
      ...env,
      LOAD_SERVER_ENTRY: entry,
      LOAD_WORKERS: String(WORKERS),
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      AUTH_SECRET,
      // Per-request info logs would cost the servers more than the work measured.
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const pids = await new Promise<number[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the servers did not start within 120 s')), 120_000);
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((text) => text.startsWith('{"pids"'));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { pids: number[] }).pids);
      }
    });
    child.on('exit', (code) => reject(new Error(`the server cluster exited (${code}) before listening`)));
  });
  return {
    pids,
    port,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

function rssMb(pids: readonly number[]): number[] {
  return pids.map((pid) => {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : Number.NaN;
  });
}

/** One company and `count` agents, inserted directly (no password: the bench signs their tokens). */
async function seedAgents(databaseUrl: string, count: number, label: string): Promise<AgentIdentity[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const companyId = `co-${label}`;
  try {
    await client.query(`insert into companies (id, slug, name) values ($1, $2, 'Load test')`, [companyId, label]);
    await client.query(
      `insert into users (id, company_id, email, display_name, role, password_hash)
       select 'u-' || g, $1, 'agent' || g || '@load.test', 'Agent ' || g, 'agent', 'no-login'
       from generate_series(1, $2::int) g`,
      [companyId, count],
    );
  } finally {
    await client.end();
  }
  const { signAccessToken } = await import('../../src/server/auth/tokens');
  const secret = new TextEncoder().encode(AUTH_SECRET);
  return Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const userId = `u-${index + 1}`;
      const { token } = await signAccessToken(
        { userId, companyId, role: 'agent', sessionId: `load-${label}-${index + 1}` },
        { secret, accessTtlSeconds: 3600, now: () => new Date() },
      );
      return { token, clientId: `load-${label}-${index + 1}`, node: `a${index + 1}` };
    }),
  );
}

/** This build's server, or the baseline commit's sources unpacked next to this node_modules. */
function serverEntry(build: 'current' | 'baseline'): { entry: string; cleanup: () => void } {
  if (build === 'current') return { entry: resolve('src/server/main.ts'), cleanup: () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-baseline-'));
  const archive = execFileSync('git', ['archive', '--format=tar', BASELINE_REF, 'src', 'package.json'], {
    maxBuffer: 512 * 1024 * 1024,
  });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
  return { entry: join(dir, 'src/server/main.ts'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

interface PhaseResult {
  figures: RunFigures;
  rssBeforeMb: number[];
  rssAfterMb: number[];
}

async function phase(
  build: 'current' | 'baseline',
  agents: number,
  seconds: number,
  intervalMs: number,
): Promise<PhaseResult> {
  const label = `${build === 'current' ? 'cur' : 'old'}${agents}`;
  const database = await scratchDatabase(label);
  let cleanup = () => {};
  let cluster: Cluster | undefined;
  try {
    const server = serverEntry(build);
    cleanup = server.cleanup;
    cluster = await startCluster(database.url, server.entry);
    const identities = await seedAgents(database.url, agents, label);
    const rssBeforeMb = rssMb(cluster.pids);
    const { pids } = cluster;
    const databaseName = new URL(database.url).pathname.slice(1);
    const postgres = postgresCpuMeter(ADMIN_URL, databaseName);
    let servers0 = 0;
    const othersCpu = {
      async start() {
        servers0 = processCpuMs(pids);
        await postgres.start();
      },
      stop: async () => ({ servers: processCpuMs(pids) - servers0, postgres: await postgres.stop() }),
    };
    const figures = await runAgents({
      port: cluster.port,
      agents: identities,
      seconds,
      intervalMs,
      tag: label,
      othersCpu,
      warmUpSeconds: WARMUP_SECONDS,
      afterWarmUp: ANALYZE ? () => analyze(database.url) : undefined,
    });
    return { figures, rssBeforeMb, rssAfterMb: rssMb(cluster.pids) };
  } finally {
    await cluster?.stop();
    cleanup();
    await database.drop();
  }
}

const round = (value: number) => Math.round(value * 10) / 10;
const round2 = (value: number) => Math.round(value * 100) / 100;

/** The first few errors of every phase, printed after the table. */
const errorSamples: string[] = [];

function summary(result: PhaseResult) {
  const { figures } = result;
  errorSamples.push(...figures.errorSamples);
  return {
    errors: figures.errors,
    rounds: figures.rounds,
    pushP50Ms: round(percentile(figures.pushMs, 50)),
    pushP99Ms: round(percentile(figures.pushMs, 99)),
    pullP50Ms: round(percentile(figures.pullMs, 50)),
    pullP99Ms: round(percentile(figures.pullMs, 99)),
    mutationsPerSecond: round(figures.mutationsApplied / figures.seconds),
    cpuMsPerRound: {
      agents: round2(figures.cpuMs.agents / figures.rounds),
      servers: round2(figures.cpuMs.servers / figures.rounds),
      postgres: round2(figures.cpuMs.postgres / figures.rounds),
    },
    rssBeforeMb: result.rssBeforeMb,
    rssAfterMb: result.rssAfterMb,
  };
}

export async function loadBench(): Promise<BenchResult> {
  loopbackOnly(ADMIN_URL);
  const uptimeBefore = loadavg().map(round);
  const main = summary(await phase('current', AGENTS, SECONDS, INTERVAL_MS));
  const rows = [
    [
      'run',
      'errors',
      'push p50',
      'push p99',
      'pull p50',
      'pull p99',
      'mutations/s',
      'CPU ms/round agents+servers+Postgres',
      'RSS MB before → after',
    ],
    row(`${AGENTS} agents every ${INTERVAL_MS} ms, ${SECONDS} s`, main),
  ];
  let comparison: Record<string, unknown> | undefined;
  if (COMPARE) {
    const pairs: { current: ReturnType<typeof summary>; baseline: ReturnType<typeof summary> }[] = [];
    for (let pair = 0; pair < COMPARE_PAIRS; pair++) {
      // Mirrored order (this, old, old, this, …): see the header.
      const first = pair % 2 === 0 ? 'current' : 'baseline';
      const a = summary(await phase(first, COMPARE_AGENTS, COMPARE_SECONDS, 0));
      const b = summary(await phase(first === 'current' ? 'baseline' : 'current', COMPARE_AGENTS, COMPARE_SECONDS, 0));
      pairs.push(first === 'current' ? { current: a, baseline: b } : { current: b, baseline: a });
    }
    for (const [index, pair] of pairs.entries()) {
      const label = COMPARE_PAIRS > 1 ? ` (pair ${index + 1})` : '';
      rows.push(row(`${COMPARE_AGENTS} agents closed loop, this build${label}`, pair.current));
      rows.push(
        row(`${COMPARE_AGENTS} agents closed loop, ${BASELINE_REF.slice(0, 7)} (row lock)${label}`, pair.baseline),
      );
    }
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const currentMean = mean(pairs.map((pair) => pair.current.mutationsPerSecond));
    const baselineMean = mean(pairs.map((pair) => pair.baseline.mutationsPerSecond));
    comparison = {
      agents: COMPARE_AGENTS,
      seconds: COMPARE_SECONDS,
      baselineRef: BASELINE_REF,
      current: pairs[0]!.current,
      baseline: pairs[0]!.baseline,
      pairs,
      currentMutationsPerSecond: round(currentMean),
      baselineMutationsPerSecond: round(baselineMean),
      pairRatios: pairs.map((pair) => round2(pair.current.mutationsPerSecond / pair.baseline.mutationsPerSecond)),
      throughputRatio: round(currentMean / baselineMean),
    };
  }
  const uptimeAfter = loadavg().map(round);
  const analyzed = ANALYZE ? 'ANALYZE after warm-up' : 'no ANALYZE';
  printTable(
    `Load: ${WORKERS} server processes on one Postgres, ${WARMUP_SECONDS} s of paced warm-up, ${analyzed} (load average ${uptimeBefore.join(', ')})`,
    rows,
  );
  if (comparison) {
    const { currentMutationsPerSecond, baselineMutationsPerSecond, pairRatios, throughputRatio } = comparison;
    console.log(
      `throughput, this build ÷ row-lock build: ${String(currentMutationsPerSecond)} ÷ ${String(baselineMutationsPerSecond)} mutations/s = ${String(throughputRatio)}× (pairs: ${(pairRatios as number[]).join('×, ')}×)`,
    );
  }
  for (const sample of errorSamples) console.log(`error: ${sample}`);
  return {
    load: {
      agents: AGENTS,
      seconds: SECONDS,
      intervalMs: INTERVAL_MS,
      workers: WORKERS,
      warmUpSeconds: WARMUP_SECONDS,
      analyzedAfterWarmUp: ANALYZE,
      ...main,
      ...(comparison ? { comparison } : {}),
      loadAverageBefore: uptimeBefore,
      loadAverageAfter: uptimeAfter,
    },
  };
}

function row(name: string, s: ReturnType<typeof summary>): string[] {
  return [
    name,
    String(s.errors),
    `${s.pushP50Ms} ms`,
    `${s.pushP99Ms} ms`,
    `${s.pullP50Ms} ms`,
    `${s.pullP99Ms} ms`,
    String(s.mutationsPerSecond),
    cpuText(s.cpuMsPerRound),
    `${s.rssBeforeMb.join('+')} → ${s.rssAfterMb.join('+')}`,
  ];
}

/** CPU per push-and-pull round, and the load generator's share of it (it competes for the same cores). */
function cpuText(cpu: { agents: number; servers: number; postgres: number }): string {
  const share = Math.round((100 * cpu.agents) / (cpu.agents + cpu.servers + cpu.postgres));
  return `${cpu.agents}+${cpu.servers}+${cpu.postgres} (agents ${share}%)`;
}

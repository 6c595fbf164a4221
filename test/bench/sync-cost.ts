/**
 * `npm run bench -- sync-cost`: what one push and one pull cost the server, in figures
 * that a busy machine does not spoil: round trips to Postgres (counted at the driver),
 * CPU milliseconds of the server's Node process, and CPU milliseconds of the Postgres
 * backends that served it (from /proc, so the database must run on this machine).
 *
 * One company, SYNC_COST_AGENTS (20) agents, SYNC_COST_ROUNDS (300) rounds one after
 * another, each a random agent pushing a call with a note (as the load bench's agents
 * do) and then pulling from its cursor. Requests go through the real Fastify app
 * (inject: no sockets), on a scratch database of SYNC_COST_DATABASE_URL's server
 * (default postgres://postgres@127.0.0.1:5432/postgres), dropped afterwards.
 * Sequential on purpose: the load bench measures contention, this one the work itself.
 */
import { randomBytes } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import pg from 'pg';
import { buildServer } from '../../src/server/app';
import { signAccessToken } from '../../src/server/auth/tokens';
import { openPostgres } from '../../src/server/db/database';
import { processCpuMs } from './cpu-meter';
import { printTable, type BenchResult } from './stats';

const env = process.env;
const ADMIN_URL = env['SYNC_COST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const AGENTS = Number(env['SYNC_COST_AGENTS'] ?? 20);
const ROUNDS = Number(env['SYNC_COST_ROUNDS'] ?? 300);
/** SYNC_COST_TRACE=1 prints every statement of the last push and pull (what to cut next). */
const TRACE = env['SYNC_COST_TRACE'] === '1';
const PIDS_EVERY = 10;

/** Every query the pg driver sends (BEGIN and COMMIT included): one round trip each. */
let queries = 0;
let traced: string[] = [];
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(this: pg.Client, ...args: unknown[]) {
  queries++;
  if (TRACE) traced.push(statementText(args[0]));
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

function statementText(query: unknown): string {
  const config = query as { text?: unknown; name?: unknown } | string;
  if (typeof config === 'string') return config;
  const name = typeof config?.name === 'string' ? `[${config.name}] ` : '';
  return name + String(config?.text ?? '(no text)');
}

function adminQuery(text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  return adminQueryOn(new URL(ADMIN_URL), text, values);
}

async function adminQueryOn(url: URL, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

/**
 * The Postgres backends serving the app's pool, whose CPU the rounds read from /proc. They
 * are listed between rounds, every PIDS_EVERY rounds (the pool may open or close a
 * connection), not around every request: opening a connection for each reading cost this
 * process CPU that fell into the server's figure.
 */
async function backendPids(database: string): Promise<number[]> {
  const { rows } = await adminQuery(`select pid from pg_stat_activity where datname = $1`, [database]);
  return (rows as { pid: number }[]).map((row) => row.pid);
}

interface Meter {
  queries: number;
  nodeCpuMs: number;
  dbCpuMs: number;
  count: number;
}

export async function syncCostBench(): Promise<BenchResult> {
  const name = `sb_cost_${process.pid}_${randomBytes(3).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), { poolSize: 4 });
  const secret = randomBytes(32);
  const app = buildServer({ db: database.db, authSecret: secret, logger: false });
  try {
    const companyId = 'co-cost';
    await adminQueryOn(url, `insert into companies (id, slug, name) values ($1, 'cost', 'Cost')`, [companyId]);
    await adminQueryOn(
      url,
      `insert into users (id, company_id, email, display_name, role, password_hash)
       select 'u-' || g, $1, 'agent' || g || '@cost.test', 'Agent ' || g, 'agent', 'no-login'
       from generate_series(1, $2::int) g`,
      [companyId, AGENTS],
    );
    const agents = await Promise.all(
      Array.from({ length: AGENTS }, async (_, index) => {
        const { token } = await signAccessToken(
          { userId: `u-${index + 1}`, companyId, role: 'agent', sessionId: `cost-${index + 1}` },
          { secret, accessTtlSeconds: 3600, now: () => new Date() },
        );
        return {
          token,
          clientId: `cost-client-${index + 1}`,
          node: `a${index + 1}`,
          mutationId: 0,
          cursor: null as string | null,
        };
      }),
    );
    const post = async (path: string, token: string, payload: InjectOptions['payload']) => {
      const response = await app.inject({
        method: 'POST',
        url: path,
        headers: { authorization: `Bearer ${token}` },
        payload,
      });
      if (response.statusCode !== 200) throw new Error(`${path} ${response.statusCode}: ${response.body}`);
      return response.json() as { cursor?: string; outcomes?: { status: string }[] };
    };
    const push = (agent: (typeof agents)[number]) => {
      const callId = `${agent.node}-${agent.mutationId + 1}`;
      const at = new Date().toISOString();
      const hlc = (n: number) =>
        `${String(Date.now()).padStart(15, '0')}:${String(n % 1_000_000).padStart(6, '0')}:${agent.node}`;
      const mutations = [
        {
          id: agent.mutationId + 1,
          name: 'call.create',
          args: { id: callId, direction: 'Outbound', subject: `Cost call ${callId}`, status: 'Planned', at },
          hlc: hlc(agent.mutationId + 1),
        },
        {
          id: agent.mutationId + 2,
          name: 'note.add',
          args: { id: `${callId}-n`, body: `Spoke about the renewal (${callId}).`, callId, at },
          hlc: hlc(agent.mutationId + 2),
        },
      ];
      agent.mutationId += 2;
      return post('/sync/push', agent.token, { clientId: agent.clientId, mutations });
    };
    const pull = async (agent: (typeof agents)[number]) => {
      const body = await post('/sync/pull', agent.token, { clientId: agent.clientId, cursor: agent.cursor });
      agent.cursor = body.cursor ?? null;
    };
    const meters = { push: newMeter(), pull: newMeter() };
    const lastTrace = new Map<Meter, string[]>();
    let pids: number[] = [];
    const measure = async (meter: Meter, work: () => Promise<unknown>) => {
      const db0 = processCpuMs(pids);
      const q0 = queries;
      traced = [];
      const cpu0 = process.cpuUsage();
      await work();
      const cpu = process.cpuUsage(cpu0);
      if (TRACE) lastTrace.set(meter, [...traced]);
      meter.queries += queries - q0;
      meter.nodeCpuMs += (cpu.user + cpu.system) / 1000;
      meter.dbCpuMs += processCpuMs(pids) - db0;
      meter.count++;
    };
    // Warm-up: every agent's first round (client registered, first pull from no cursor, code compiled).
    for (const agent of agents) {
      await push(agent);
      await pull(agent);
    }
    for (let round = 0; round < ROUNDS; round++) {
      if (round % PIDS_EVERY === 0) pids = await backendPids(name);
      const agent = agents[(round * 7) % agents.length]!;
      await measure(meters.push, () => push(agent));
      await measure(meters.pull, () => pull(agent));
    }
    const figure = (meter: Meter) => ({
      queries: round2(meter.queries / meter.count),
      nodeCpuMs: round2(meter.nodeCpuMs / meter.count),
      dbCpuMs: round2(meter.dbCpuMs / meter.count),
    });
    const result = { push: figure(meters.push), pull: figure(meters.pull) };
    if (TRACE) {
      for (const kind of ['push', 'pull'] as const) {
        console.log(`\nstatements of the last ${kind}:`);
        for (const text of lastTrace.get(meters[kind]) ?? []) console.log(`  ${text.replace(/\s+/g, ' ')}`);
      }
    }
    printTable(`sync cost per request (${ROUNDS} rounds, ${AGENTS} agents, Postgres)`, [
      ['request', 'round trips', 'server CPU ms', 'Postgres CPU ms'],
      ...(['push', 'pull'] as const).map((kind) => [
        kind,
        String(result[kind].queries),
        String(result[kind].nodeCpuMs),
        String(result[kind].dbCpuMs),
      ]),
    ]);
    return { syncCost: result };
  } finally {
    await app.close();
    await database.close();
    await adminQuery(`drop database if exists ${name} with (force)`);
  }
}

function newMeter(): Meter {
  return { queries: 0, nodeCpuMs: 0, dbCpuMs: 0, count: 0 };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

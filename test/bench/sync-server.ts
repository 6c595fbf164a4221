/**
 * The CRM server for the sync bench, in its own process (so its database work never
 * counts as a stall of the desktop's event loop). Real HTTP on 127.0.0.1, a fresh
 * database: a scratch database on DATABASE_URL's server when set, else PGlite in a temp
 * folder. Seeds one company with an agent, and BENCH_CONTACTS directory contacts by a
 * direct bulk insert (generate_series, one change version, like one big CLI import).
 * Prints one JSON line {url, company, email, password, seedMs, database}; SIGTERM drops
 * the scratch database and exits.
 *
 * In production the CRM server and its Postgres run on another machine than the desktop.
 * Here they share the desktop's two cores, so while the directory streams they compete
 * with the desktop's main thread for a CPU, and a stall of the desktop's loop measures
 * mostly that co-location. BENCH_SERVER_NICE (default 10, the priority the desktop gives
 * its own background threads) lowers this process and the Postgres backends serving its
 * database to that nice value, so the desktop gets a CPU first, as it would with the
 * server elsewhere; BENCH_SERVER_NICE=0 measures the co-located worst case.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildServer } from '../../src/server/app';
import { createCompany, createUser } from '../../src/server/auth/accounts';
import { openPglite, openPostgres, type Database, type Tx } from '../../src/server/db/database';
import { takeVersion } from '../../src/server/sync/versions';

const PASSWORD = 'bench-password-123';
const contacts = Number(process.env['BENCH_CONTACTS'] ?? 0);
const adminUrl = process.env['DATABASE_URL'];
const serverNice = Number(process.env['BENCH_SERVER_NICE'] ?? 10);

async function openScratch(): Promise<{
  database: Database;
  cleanup: () => Promise<void>;
  kind: string;
  name?: string;
}> {
  if (!adminUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-pglite-'));
    const database = await openPglite(dir);
    return { database, kind: 'pglite', cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `sb_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), { poolSize: 8 });
  return {
    database,
    kind: 'postgres',
    name,
    cleanup: async () => {
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

async function seedContacts(tx: Tx, companyId: string, count: number): Promise<void> {
  const version = await takeVersion(tx, companyId);
  // Ids sort like the stream order; every contact has one work number (screen pop needs them).
  await tx.execute(sql`
    insert into contacts (company_id, id, data, updated_at, version)
    select ${companyId}, 'ct-' || lpad(g::text, 8, '0'),
      jsonb_build_object(
        'id', 'ct-' || lpad(g::text, 8, '0'),
        'firstName', 'First' || (g % 997), 'lastName', 'Last' || g, 'title', 'Buyer',
        'email', 'c' || g || '@example.com',
        'phones', jsonb_build_array(jsonb_build_object('kind', 'work', 'e164', '+1212' || lpad(g::text, 7, '0'), 'extension', null)),
        'tags', '[]'::jsonb, 'doNotContact', false, 'doNotContactReason', null, 'timeZone', null,
        'accountId', null, 'isDemo', false,
        'createdAt', '2026-01-01T00:00:00.000Z', 'updatedAt', '2026-01-01T00:00:00.000Z'),
      '2026-01-01T00:00:00.000Z'::timestamptz, ${version}
    from generate_series(1, ${count}) g`);
  await tx.execute(sql`
    insert into directory_phones (company_id, entity, entity_id, e164)
    select ${companyId}, 'contacts', 'ct-' || lpad(g::text, 8, '0'), '+1212' || lpad(g::text, 7, '0')
    from generate_series(1, ${count}) g`);
}

/**
 * Lowers the Postgres backends serving `databaseName` to `nice`, now and as the pool opens
 * more: a backend is a process of its own, so its priority is set by pid (needs root or
 * the postgres user; without, the run says so and goes on at normal priority).
 */
function niceBackends(databaseName: string, nice: number): () => void {
  const niced = new Set<number>();
  let warned = false;
  const watcher = new pg.Client({ connectionString: adminUrl });
  const connected = watcher.connect();
  const sweep = async () => {
    await connected;
    const { rows } = await watcher.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [databaseName],
    );
    for (const { pid } of rows) {
      if (niced.has(pid)) continue;
      niced.add(pid);
      try {
        setPriority(pid, nice);
      } catch (error) {
        if (!warned) console.error(`bench server: cannot renice Postgres backends (${(error as Error).message})`);
        warned = true;
      }
    }
  };
  const timer = setInterval(() => void sweep().catch(() => {}), 250);
  void sweep().catch(() => {});
  return () => {
    clearInterval(timer);
    void watcher.end().catch(() => {});
  };
}

const { database, cleanup, kind, name: databaseName } = await openScratch();
const { company } = await createCompany(database.db, {
  name: 'Bench',
  slug: 'bench',
  adminEmail: 'admin@bench.test',
  adminPassword: PASSWORD,
});
await createUser(database.db, company.id, {
  email: 'agent@bench.test',
  password: PASSWORD,
  displayName: 'Bench agent',
  role: 'agent',
});
const seedStart = performance.now();
if (contacts > 0) {
  await database.db.transaction((tx) => seedContacts(tx, company.id, contacts));
  // Vacuumed and analysed, as a directory imported some time ago would be: fresh
  // statistics (without them the planner does not know the version index is selective and
  // sorts the whole table per page), hint bits and the visibility map set. Otherwise the
  // first reads set hint bits on a million fresh rows, and autovacuum, woken by the
  // import, sweeps them in the middle of the download: the idle probe just before the
  // download measured stalls of 64 ms with nothing else running.
  await database.db.execute(sql`vacuum (analyze) contacts, directory_phones`);
}
const seedMs = performance.now() - seedStart;
// Backends are reniced by pid, which names a process of this machine only when Postgres runs here.
const postgresHere = adminUrl !== undefined && ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(adminUrl).hostname);
const stopNicing = serverNice !== 0 && databaseName && postgresHere ? niceBackends(databaseName, serverNice) : () => {};
if (serverNice !== 0) setPriority(serverNice);

const app = buildServer({ db: database.db, authSecret: randomBytes(32), logger: false });
const url = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(
  JSON.stringify({
    url,
    company: 'bench',
    email: 'agent@bench.test',
    password: PASSWORD,
    seedMs,
    database: kind,
    serverNice,
  }),
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  stopNicing();
  await app.close();
  await database.close();
  await cleanup();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());

import { sql } from 'drizzle-orm';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildServer, type BuildServerOptions } from '../../../src/server/app';
import { createCompany, createUser, type UserView } from '../../../src/server/auth/accounts';
import type { SyncFaults } from '../../../src/server/context';
import type { Database } from '../../../src/server/db/database';
import type { MutationInput, MutationName } from '../../../src/shared/sync/mutations';
import type { PullResponse, PushResponse } from '../../../src/shared/sync/protocol';
import { createTestDatabase } from './database';

export const PASSWORD = 'correct horse battery';
export const TEST_AUTH_SECRET = new TextEncoder().encode('test-secret-test-secret-test-secret!');

export interface TestServer {
  app: FastifyInstance;
  database: Database;
  faults: SyncFaults;
  clock: { now: Date };
  close(): Promise<void>;
}

/** One database and one server per test file (PGlite start-up is the slow part). */
export async function startTestServer(
  options: Pick<BuildServerOptions, 'twilio' | 'syncClientsPerUser' | 'maxClockDriftMs'> = {},
): Promise<TestServer> {
  const database = await createTestDatabase();
  const faults: SyncFaults = {};
  const clock = { now: new Date('2026-03-10T12:00:00.000Z') };
  const app = buildServer({
    db: database.db,
    authSecret: TEST_AUTH_SECRET,
    now: () => clock.now,
    faults,
    // Tests make a fresh sync client per case (property tests: hundreds per user); the
    // daily limit has its own test (sync-limits.test.ts).
    syncClientsPerUser: 1_000_000,
    ...options,
    // Quiet by default; TEST_SERVER_LOG=error (or debug…) shows the server's logs.
    logger: process.env['TEST_SERVER_LOG'] ? { level: process.env['TEST_SERVER_LOG'] } : false,
  });
  await app.ready();
  return {
    app,
    database,
    faults,
    clock,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export interface TestUser extends UserView {
  token: string;
  refreshToken: string;
}

export interface TestCompany {
  id: string;
  slug: string;
  admin: TestUser;
  supervisor: TestUser;
  agent: TestUser;
  agent2: TestUser;
}

export async function login(server: TestServer, company: string, email: string, password = PASSWORD) {
  return server.app.inject({ method: 'POST', url: '/auth/login', payload: { company, email, password } });
}

/** A company with an admin, a supervisor and two agents, all signed in. */
export async function seedCompany(server: TestServer, slug: string): Promise<TestCompany> {
  const { db } = server.database;
  const { company } = await createCompany(db, {
    name: slug,
    slug,
    adminEmail: `admin@${slug}.test`,
    adminPassword: PASSWORD,
  });
  const people: Record<string, TestUser> = {};
  for (const role of ['admin', 'supervisor', 'agent', 'agent2'] as const) {
    const email = `${role}@${slug}.test`;
    if (role !== 'admin') {
      await createUser(db, company.id, {
        email,
        password: PASSWORD,
        displayName: `${role} ${slug}`,
        role: role === 'agent2' ? 'agent' : role,
      });
    }
    const response = await login(server, slug, email);
    const session = response.json<{ accessToken: string; refreshToken: string; user: UserView }>();
    people[role] = { ...session.user, token: session.accessToken, refreshToken: session.refreshToken };
  }
  return {
    id: company.id,
    slug,
    admin: people['admin']!,
    supervisor: people['supervisor']!,
    agent: people['agent']!,
    agent2: people['agent2']!,
  };
}

/** Authorised requests as one user. */
export function as(server: TestServer, user: { token: string }) {
  const request = (options: InjectOptions) =>
    server.app.inject({ ...options, headers: { ...options.headers, authorization: `Bearer ${user.token}` } });
  async function pullNow(clientId: string, cursor: string | null, limit?: number) {
    const response = await request({
      method: 'POST',
      url: '/sync/pull',
      payload: { clientId, cursor, ...(limit ? { limit } : {}) },
    });
    if (response.statusCode !== 200) throw new Error(`pull failed ${response.statusCode}: ${response.body}`);
    return response.json<PullResponse>();
  }
  return {
    request,
    get: (url: string) => request({ method: 'GET', url }),
    post: (url: string, payload: unknown) =>
      request({ method: 'POST', url, payload: payload as InjectOptions['payload'] }),
    async push(clientId: string, mutations: { id: number; name: string; args: unknown; hlc: string }[]) {
      const response = await request({ method: 'POST', url: '/sync/push', payload: { clientId, mutations } });
      return { statusCode: response.statusCode, body: response.json<PushResponse>() };
    },
    /** A pull after the cluster's earlier transactions have finished (see `settled`). */
    async pull(clientId: string, cursor: string | null, limit?: number) {
      await settled(server);
      return pullNow(clientId, cursor, limit);
    },
    /** A pull right away, for tests that hold transactions open on purpose. */
    pullNow,
  };
}

/**
 * Waits until every transaction that had begun on the database cluster before this call
 * has finished (up to 15 s), so that a pull made next delivers every write the test made
 * before it. A pull delivers rows below its snapshot's xmin only (src/server/sync/pull.ts),
 * and xmin is the whole cluster's: on a shared Postgres, another test file's (or another
 * database's) transaction still running holds it back, and a pull right after the test's
 * own push could miss that push. PGlite has one connection, so it never waits there.
 */
async function settled(server: TestServer): Promise<void> {
  if (server.database.kind !== 'postgres') return;
  const { db } = server.database;
  const first = (result: unknown) => Number((result as { rows: { n: string }[] }).rows[0]!.n);
  const next = first(await db.execute(sql`select pg_snapshot_xmax(pg_current_snapshot())::text as n`));
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const oldest = first(await db.execute(sql`select pg_snapshot_xmin(pg_current_snapshot())::text as n`));
    if (oldest >= next) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A packed HLC for tests: wall ms, counter, node. */
export function hlc(wallMs: number, node = 'node', counter = 0): string {
  return `${String(wallMs).padStart(15, '0')}:${String(counter).padStart(6, '0')}:${node}`;
}

/** Sync client ids unique within this run: `prefix-1-<time>`, `prefix-2-<time>`… */
export function clientIds(prefix: string): () => string {
  let seq = 0;
  return () => `${prefix}-${++seq}-${Date.now()}`;
}

/** A mutation envelope maker: mutation `id` is stamped `base + id` on `node` unless a wall time is given. */
export function envelopes(base: number, node: string) {
  return (id: number, name: string, args: unknown, wall = base + id) => ({ id, name, args, hlc: hlc(wall, node) });
}

/** Builds outbox entries numbered from `firstId`, with increasing clock stamps. */
export function outbox(
  node: string,
  firstId: number,
  entries: { name: MutationName; args: MutationInput<MutationName> }[],
  wallMs = 1_000,
) {
  return entries.map((entry, index) => ({
    id: firstId + index,
    name: entry.name,
    args: entry.args,
    hlc: hlc(wallMs + firstId + index, node),
  }));
}

export const AT = '2026-03-10T12:00:00.000Z';

export function newCallArgs(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    direction: 'Outbound',
    subject: `Call ${id}`,
    status: 'Planned',
    at: AT,
    ...overrides,
  };
}

/**
 * A test server for desktop cores that stamp their changes with the real clock while
 * the server's clock is fixed in March 2026: the drift guard (tested on its own in
 * sync-limits.test.ts) would refuse every change as from the future, so it is widened
 * to cover the gap.
 */
export function startTestServerForDesktops(): Promise<TestServer> {
  return startTestServer({ maxClockDriftMs: 50 * 365 * 24 * 3600_000 });
}

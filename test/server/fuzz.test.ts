import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app';
import { mutationArgs, mutationNames } from '../../src/shared/sync/mutations';
import { HlcString } from '../../src/shared/sync/hlc';
import { ClientId, PullRequest } from '../../src/shared/sync/protocol';
import { registeredRoutes } from './fuzz/registered-routes';
import { routeTable, type RouteEntry } from './fuzz/route-table';
import { arbitraryOf, hostileString } from './fuzz/zod-arbitrary';
import { seedCompany, startTestServer, TEST_AUTH_SECRET, type TestCompany, type TestServer } from './helpers/server';

/**
 * Fuzzing against the real server (Fastify's inject, an embedded Postgres): the API
 * table's inputs and the sync protocol's bodies, generated from the routes' own zod
 * schemas with hostile values mixed in (fuzz/zod-arbitrary.ts). Whatever comes in, the
 * server answers below 500 and stays up.
 *
 * FUZZ_RUNS cases per property: a few hundred in `npm test` (fast), 10,000 in
 * `npm run fuzz`. A failure prints fast-check's seed and the shrunk input; rerun it
 * with FUZZ_SEED=<seed>.
 */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 300);
const SEED = process.env['FUZZ_SEED'] ? Number(process.env['FUZZ_SEED']) : undefined;
/** Each case is a request or two: allow about 200 ms a case on a loaded machine. */
const TIMEOUT_MS = Math.max(60_000, RUNS * 200);
const settings = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: true };

let server: TestServer;
let app: FastifyInstance;
let acme: TestCompany;
const saved = process.env['SCRYPT_LOG2_N'];

beforeAll(async () => {
  // Hash cost is not under test here; users made by POST /users would otherwise dominate.
  process.env['SCRYPT_LOG2_N'] = '10';
  server = await startTestServer({ twilio: { publicUrl: 'https://crm.example.com' } });
  acme = await seedCompany(server, 'acme');
  // No limit on new sync clients: every case pushes as a fresh client.
  app = buildServer({
    db: server.database.db,
    authSecret: TEST_AUTH_SECRET,
    now: () => server.clock.now,
    syncClientsPerUser: 1_000_000,
    twilio: { publicUrl: 'https://crm.example.com' },
  });
  await app.ready();
}, 300_000);
afterAll(async () => {
  process.env['SCRYPT_LOG2_N'] = saved;
  await app.close();
  await server.close();
});

let caseNumber = 0;

const tokenOf = (entry: RouteEntry) =>
  entry.caller === 'agent' ? acme.agent.token : entry.caller === 'admin' ? acme.admin.token : null;

function queryString(value: unknown): string {
  if (value === null || typeof value !== 'object') return '';
  const search = new URLSearchParams();
  for (const [key, field] of Object.entries(value)) {
    for (const one of Array.isArray(field) ? field : [field]) {
      if (one !== undefined) search.append(key, typeof one === 'string' ? one : JSON.stringify(one));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The entry's pattern with each `:name` filled from the generated params. */
function pathOf(entry: RouteEntry, params: unknown): string {
  return entry.path.replace(/:(\w+)/g, (_match, name: string) => {
    const value = (params as Record<string, unknown> | null)?.[name];
    const text = typeof value === 'string' && value ? value : String(value ?? 'x');
    // A lone surrogate cannot be put in a URL at all (encodeURIComponent throws): what a
    // client could send in its place is the replacement character.
    return encodeURIComponent(text.replace(/\p{Cs}/gu, '\uFFFD'));
  });
}

const caseOf = (entry: RouteEntry) =>
  fc.record({
    entry: fc.constant(entry),
    params: entry.params ? arbitraryOf(entry.params) : fc.constant(null),
    query: entry.query ? arbitraryOf(entry.query) : fc.constant(null),
    body: entry.body ? arbitraryOf(entry.body) : fc.constant(undefined),
    /** Now and then the body is not JSON at all, or not the JSON it claims. */
    raw: fc.option(fc.oneof(hostileString, fc.constantFrom('{', '[]', 'null', '"x"', '{"a":')), { freq: 10 }),
  });

async function send(request: InjectOptions): Promise<number> {
  const response = await app.inject(request);
  if (response.statusCode >= 500) {
    throw new Error(`${request.method} ${request.url} → ${response.statusCode} ${response.body.slice(0, 300)}`);
  }
  return response.statusCode;
}

async function stillUp(): Promise<void> {
  expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
}

describe('the fuzz route table', () => {
  it('has every route the app registers, and nothing the app does not', () => {
    const registered = registeredRoutes(app);
    const tabled = routeTable.map((entry) => `${entry.method} ${entry.path}`);
    // Sanity: the reading of Fastify's route tree found the routes at all.
    expect(registered).toContain('PATCH /customer-accounts/:id');
    expect(registered.filter((route) => !tabled.includes(route))).toEqual([]);
    expect(tabled.filter((route) => !registered.includes(route))).toEqual([]);
    expect(new Set(tabled).size).toBe(tabled.length);
  });
});

describe(`fuzzing the API table (${RUNS} cases)`, () => {
  it(
    'answers every route below 500, whatever its path, query and body hold',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(...routeTable.map(caseOf)), async ({ entry, params, query, body, raw }) => {
          const token = tokenOf(entry);
          const payload = raw ?? (entry.form ? new URLSearchParams(queryString(body).slice(1)).toString() : body);
          await send({
            method: entry.method,
            url: pathOf(entry, params) + queryString(query),
            headers: {
              ...(token ? { authorization: `Bearer ${token}` } : {}),
              ...(payload === undefined
                ? {}
                : { 'content-type': entry.form ? 'application/x-www-form-urlencoded' : 'application/json' }),
            },
            ...(payload === undefined
              ? {}
              : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
          });
        }),
        settings,
      );
      await stillUp();
    },
    TIMEOUT_MS,
  );
});

/** A batch of one to three mutations with ids 1… from a fresh client: they reach the mutators and the SQL. */
const mutationBatch = fc
  .array(
    fc.constantFrom(...mutationNames).chain((name) =>
      fc.record({
        name: fc.oneof({ weight: 12, arbitrary: fc.constant<string>(name) }, { weight: 1, arbitrary: hostileString }),
        args: arbitraryOf(mutationArgs[name]),
        hlc: fc.oneof(
          { weight: 8, arbitrary: arbitraryOf(HlcString, { hostileOneIn: 0 }) },
          { weight: 1, arbitrary: fc.constant('999999999999999:000000:z') },
        ),
      }),
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((mutations) => mutations.map((mutation, index) => ({ id: index + 1, ...mutation })));

describe(`fuzzing the sync protocol (${RUNS} cases)`, () => {
  it(
    'answers every push and pull below 500, and a push always accounts for what it took',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          arbitraryOf(ClientId, { hostileOneIn: 0 }),
          mutationBatch,
          fc.option(arbitraryOf(PullRequest), { freq: 4 }),
          async (generatedId, mutations, pull) => {
            // A fresh client per case: a generated id seen before would carry an earlier
            // lastMutationId beyond this batch's ids.
            const clientId = `${String(generatedId).slice(0, 52)}-${++caseNumber}`;
            const headers = { authorization: `Bearer ${acme.agent.token}` };
            const response = await app.inject({
              method: 'POST',
              url: '/sync/push',
              headers,
              payload: { clientId, mutations },
            });
            if (response.statusCode >= 500)
              throw new Error(`push → ${response.statusCode} ${response.body.slice(0, 300)}`);
            if (response.statusCode === 200) {
              // Every mutation up to lastMutationId has an outcome: nothing is silently lost.
              const body = response.json<{ lastMutationId: number; outcomes: { id: number }[] }>();
              const answered = new Set(body.outcomes.map((outcome) => outcome.id));
              for (let id = 1; id <= body.lastMutationId; id++) expect(answered.has(id)).toBe(true);
            }
            if (pull) await send({ method: 'POST', url: '/sync/pull', headers, payload: pull as object });
          },
        ),
        settings,
      );
      await stillUp();
    },
    TIMEOUT_MS,
  );
});

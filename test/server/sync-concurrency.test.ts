import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  as,
  clientIds,
  envelopes,
  newCallArgs,
  seedCompany,
  startTestServer,
  type TestCompany,
  type TestServer,
} from './helpers/server';

/**
 * Two write transactions in flight at once need two database connections: a real
 * Postgres (TEST_DATABASE_URL). PGlite is one connection and runs transactions one at a
 * time, so there the case cannot arise (like the several-instances test in startup.test.ts).
 */
const adminUrl = process.env['TEST_DATABASE_URL'];

describe.skipIf(!adminUrl)('concurrent commits and the pull cursor (Postgres)', () => {
  let server: TestServer;
  let company: TestCompany;
  beforeAll(async () => {
    server = await startTestServer();
    company = await seedCompany(server, 'raceco');
  });
  afterAll(() => server?.close());

  const newClient = clientIds('race');
  const m = envelopes(9000, 'n1');

  it('never skips a row whose transaction started first and commits last', async () => {
    const agent = as(server, company.agent);
    const early = newClient();
    const late = newClient();
    const reader = newClient();
    const start = await agent.pull(reader, null);

    // The early push stops inside its transaction, after its writes (its id is taken).
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    server.faults.afterMutationWrites = async (_tx, mutation) => {
      if (mutation.clientId !== early) return;
      wrote();
      await gate;
    };
    try {
      const earlyPush = agent.push(early, [m(1, 'call.create', newCallArgs(`${early}-call`))]);
      await written;
      // A later transaction (a higher id) commits while the early one is still open.
      const latePush = await agent.push(late, [m(1, 'call.create', newCallArgs(`${late}-call`))]);
      expect(latePush.body.outcomes).toEqual([{ id: 1, status: 'applied' }]);

      // The late row is committed, but the pull holds it back: handing it out would move
      // the cursor past the early transaction's id.
      // (pullNow: the helper's pull would first wait for the early transaction.)
      const during = await agent.pullNow(reader, start.cursor);
      const seenDuring = during.changes.calls.map((c) => c.id);
      expect(seenDuring).not.toContain(`${late}-call`);
      expect(seenDuring).not.toContain(`${early}-call`);

      release();
      expect((await earlyPush).body.outcomes).toEqual([{ id: 1, status: 'applied' }]);
      const after = await agent.pull(reader, during.cursor);
      expect(after.changes.calls.map((c) => c.id).sort()).toEqual([`${early}-call`, `${late}-call`].sort());
    } finally {
      release();
      server.faults.afterMutationWrites = undefined;
    }
  });

  it('while transactions are in flight, pulls stop paying for a first look they would let go', async () => {
    // A server of its own: its pulls start on the look-first path.
    const own = await startTestServer();
    const holder = new pg.Client({ connectionString: adminUrl });
    await holder.connect();
    const queries = vi.spyOn(pg.Client.prototype, 'query');
    try {
      const ownCompany = await seedCompany(own, 'busyco');
      const agent = as(own, ownCompany.agent);
      const reader = clientIds('busy')();
      // A transaction with an id, open across both pulls, and a later one committed: every
      // snapshot shows the first in flight below a finished one (xmin < xmax).
      await holder.query('begin');
      await holder.query('select pg_current_xact_id()');
      const later = new pg.Client({ connectionString: adminUrl });
      await later.connect();
      await later.query('begin');
      await later.query('select pg_current_xact_id()');
      await later.query('commit');
      await later.end();
      // Statements of one pull, but for the presence write (the first pull's only: heartbeat.ts).
      const counted = async () => {
        const before = queries.mock.calls.length;
        const page = await agent.pullNow(reader, null);
        expect(page.reset).toBe(true);
        const sent = queries.mock.calls.slice(before).map(([query]) => JSON.stringify(query));
        return sent.filter((text) => !text.includes('agent_presence')).length;
      };
      const first = await counted();
      const second = await counted();
      // The first pull looked (begin, opening statement, commit), let go, paused and read;
      // the second paused and read straight away.
      expect(first - second).toBe(3);
    } finally {
      queries.mockRestore();
      await holder.query('rollback').catch(() => {});
      await holder.end();
      await own.close();
    }
  });
});

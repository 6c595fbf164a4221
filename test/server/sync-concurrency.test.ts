import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
      const during = await agent.pull(reader, start.cursor);
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
});

import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app';
import { calls, companies } from '../../src/server/db/schema';
import { REPAIR_NODE, repairClocksAhead } from '../../src/server/sync/clock-guard';
import { companyClock } from '../../src/server/sync/company-clock';
import {
  as,
  clientIds,
  hlc,
  login,
  newCallArgs,
  seedCompany,
  startTestServer,
  TEST_AUTH_SECRET,
  type TestCompany,
  type TestServer,
} from './helpers/server';

/**
 * A mutation stamped far in the future used to be applied: its fields then won every
 * later edit and the company clock handed to every desktop was stuck ahead.
 */

let server: TestServer;
let company: TestCompany;

beforeAll(async () => {
  server = await startTestServer();
  company = await seedCompany(server, 'clockco');
});
afterAll(() => server.close());

const newClient = clientIds('clock');
const nowMs = () => server.clock.now.getTime();
const MINUTE = 60_000;

/** The clock pulls hand out: the greatest stamp of the company's clients and the server's writes. */
const companyMaxHlc = () => companyClock(server.database.db, company.id);

/** The server's own part of it (companies.max_hlc), where stamps from before this check were kept. */
async function serverPartOfClock(): Promise<string | null> {
  const [row] = await server.database.db
    .select({ maxHlc: companies.maxHlc })
    .from(companies)
    .where(eq(companies.id, company.id));
  return row!.maxHlc;
}

async function subjectOf(id: string): Promise<string | undefined> {
  const [row] = await server.database.db
    .select({ subject: calls.subject })
    .from(calls)
    .where(and(eq(calls.companyId, company.id), eq(calls.id, id)));
  return row?.subject ?? undefined;
}

describe('clock stamps from the future', () => {
  it('rejects a mutation stamped 999999999999999 with its reason, and the company clock does not move', async () => {
    const agent = as(server, company.agent);
    const clientId = newClient();
    const before = await companyMaxHlc();
    const { statusCode, body } = await agent.push(clientId, [
      { id: 1, name: 'call.create', args: newCallArgs('future-1'), hlc: '999999999999999:000000:evil' },
    ]);
    expect(statusCode).toBe(200);
    expect(body.lastMutationId).toBe(1);
    expect(body.outcomes).toEqual([
      { id: 1, status: 'rejected', error: { code: 'clock_ahead', message: expect.stringContaining('ahead') } },
    ]);
    expect(await subjectOf('future-1')).toBeUndefined();
    expect(await companyMaxHlc()).toBe(before);
    const pulled = await agent.pull(clientId, null);
    expect(pulled.hlc).toBe(before);
    // The rejection is listed like any other, so the desktop's refused-changes panel shows it.
    const listed = await agent.get(`/sync/rejections?clientId=${clientId}`);
    expect(listed.json<{ items: { code: string }[] }>().items.map((item) => item.code)).toEqual(['clock_ahead']);
  });

  it('accepts a stamp within the drift (4 min ahead) and refuses one past it (6 min ahead)', async () => {
    const agent = as(server, company.agent);
    const { body } = await agent.push(newClient(), [
      { id: 1, name: 'call.create', args: newCallArgs('drift-ok'), hlc: hlc(nowMs() + 4 * MINUTE, 'n1') },
      { id: 2, name: 'call.create', args: newCallArgs('drift-bad'), hlc: hlc(nowMs() + 6 * MINUTE, 'n1') },
    ]);
    expect(body.outcomes.map((outcome) => outcome.status)).toEqual(['applied', 'rejected']);
    expect(await subjectOf('drift-ok')).toBe('Call drift-ok');
    expect(await subjectOf('drift-bad')).toBeUndefined();
  });

  it('repairs a company clock and field stamps stored ahead before the check existed: the next real edit wins', async () => {
    const agent = as(server, company.agent);
    const clientId = newClient();
    await agent.push(clientId, [
      { id: 1, name: 'call.create', args: newCallArgs('stuck'), hlc: hlc(nowMs() - MINUTE, 'n2') },
    ]);
    // What a forged stamp left behind on the old server.
    const forged = '999999999999999:000000:evil';
    await server.database.db.execute(sql`update companies set max_hlc = ${forged} where id = ${company.id}`);
    await server.database.db.execute(sql`update sync_clients set max_hlc = ${forged} where id = ${clientId}`);
    await server.database.db.execute(
      sql`update calls set field_hlc = jsonb_set(field_hlc, '{subject}', to_jsonb(${forged}::text))
          where company_id = ${company.id} and id = 'stuck'`,
    );
    const editStuck = (id: number, subject: string) =>
      agent.push(clientId, [
        {
          id,
          name: 'call.update',
          args: { id: 'stuck', set: { subject }, at: server.clock.now.toISOString() },
          hlc: hlc(nowMs(), 'n2', id),
        },
      ]);
    await editStuck(2, 'lost to the forged stamp');
    expect(await subjectOf('stuck')).toBe('Call stuck');

    const repaired = await repairClocksAhead(server.database.db, {
      now: () => server.clock.now,
      maxDriftMs: 5 * MINUTE,
    });
    expect(repaired.companies).toBe(1);
    expect(repaired.rows).toBe(1);
    expect(await serverPartOfClock()).toBe(hlc(nowMs(), REPAIR_NODE));
    // The clock handed out is back within the drift (an earlier test's client stamp 4 min ahead is the newest).
    const clock = await companyMaxHlc();
    expect(clock! <= hlc(nowMs() + 5 * MINUTE, 'n')).toBe(true);
    expect((await agent.pull(clientId, null)).hlc).toBe(clock);

    server.clock.now = new Date(nowMs() + 1000);
    await editStuck(3, 'wins after the repair');
    expect(await subjectOf('stuck')).toBe('wins after the repair');
    // Idempotent: nothing is ahead any more.
    expect(
      await repairClocksAhead(server.database.db, { now: () => server.clock.now, maxDriftMs: 5 * MINUTE }),
    ).toEqual({
      companies: 0,
      rows: 0,
    });
  });
});

describe('sync clients per user', () => {
  it('refuses a new client beyond the daily limit with a clear 429; known clients and other users carry on', async () => {
    const app = buildServer({
      db: server.database.db,
      authSecret: TEST_AUTH_SECRET,
      now: () => server.clock.now,
      syncClientsPerUser: 3,
    });
    const push = (token: string, clientId: string) =>
      app.inject({
        method: 'POST',
        url: '/sync/push',
        headers: { authorization: `Bearer ${token}` },
        payload: { clientId, mutations: [] },
      });
    const clients = [newClient(), newClient(), newClient()];
    for (const clientId of clients) expect((await push(company.agent2.token, clientId)).statusCode).toBe(200);
    const refused = await push(company.agent2.token, newClient());
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual({
      code: 'too_many_sync_clients',
      message: expect.stringContaining('3 sync clients (desktop sign-ins) in the last 24 hours'),
    });
    expect((await push(company.agent2.token, clients[0]!)).statusCode).toBe(200);
    expect((await push(company.supervisor.token, newClient())).statusCode).toBe(200);
    server.clock.now = new Date(nowMs() + 24 * 3600_000 + 1000);
    const later = (await login(server, company.slug, company.agent2.email)).json<{ accessToken: string }>();
    expect((await push(later.accessToken, newClient())).statusCode).toBe(200);
    await app.close();
  });
});

import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/server/auth/tokens';
import { visibleCalls } from '../../src/server/calls/visibility';
import type { Tx } from '../../src/server/db/database';
import { calls, notes } from '../../src/server/db/schema';
import { pullReadOf } from '../../src/server/sync/pull-sources';
import { copyCalls, examined, planOf } from './helpers/plan-rows';
import { as, clientIds, envelopes, newCallArgs, seedCompany, startTestServer, type TestServer } from './helpers/server';

/**
 * What one agent's pull makes Postgres examine (issue 11: 500 agents cost O(agents²)).
 * The company's other agents log `size` calls with a note each between two pulls of one
 * agent (and 3 × `size` before), who itself has HISTORY older calls with notes and, since
 * its cursor, one call with a note and one call of a colleague it took part in. The figure is counted
 * from EXPLAIN ANALYZE (rows each scan returned plus those it read and dropped), so it
 * does not depend on the machine's load. Runs on PGlite, and on Postgres with
 * TEST_DATABASE_URL.
 */
describe("an agent's pull examines its own changes, not the company's", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());
  const newClient = clientIds('cost');
  const m = envelopes(9000, 'cost');

  async function explain(tx: Tx, query: SQLWrapper): Promise<{ rows: number; examined: number }> {
    const result = await tx.execute(sql`explain (analyze, format json) ${query}`);
    const plan = planOf(result);
    if (process.env['PULL_COST_PLANS']) console.info(JSON.stringify(plan, null, 1));
    return { rows: plan['Actual Rows'], examined: examined(plan) };
  }

  const HISTORY = 20;

  async function measure(size: number) {
    const company = await seedCompany(server, `cost${size}`);
    const agent = as(server, company.agent);
    const colleague = as(server, company.agent2);
    await agent.push(newClient(), [m(1, 'call.create', newCallArgs(`h${size}`))]);
    await copyCalls(server.database.db, company.id, `h${size}`, company.agent.id, `h${size}-`, HISTORY);
    // The colleagues' older work: what the company did before the agent's cursor.
    await copyCalls(server.database.db, company.id, `h${size}`, company.agent2.id, `p${size}-`, 3 * size);
    const version = await versionNow(company.id);

    await colleague.push(newClient(), [m(1, 'call.create', newCallArgs(`o${size}`))]);
    await copyCalls(server.database.db, company.id, `o${size}`, company.agent2.id, `o${size}-`, size);
    // The agent takes part in one of the colleague's calls, and logs a call with a note.
    await server.database.db
      .execute(sql`update calls set participant_user_ids = participant_user_ids || array[${company.agent.id}],
      version = pg_current_xact_id()::text::bigint where company_id = ${company.id} and id = ${`o${size}-1`}`);
    const pushed = await agent.push(newClient(), [
      m(1, 'call.create', newCallArgs(`a${size}`)),
      m(2, 'note.add', { id: `an${size}`, body: 'Renewal', callId: `a${size}`, at: '2026-03-10T12:00:00.000Z' }),
    ]);
    expect(pushed.body.outcomes.map((outcome) => outcome.status)).toEqual(['applied', 'applied']);
    await server.database.db.execute(sql`analyze calls`);
    await server.database.db.execute(sql`analyze notes`);

    const principal: Principal = { userId: company.agent.id, companyId: company.id, role: 'agent' };
    return server.database.db.transaction(async (tx) => {
      // These tables are small enough to read whole; a company's are not, so the plan is
      // taken as Postgres makes it for large tables: by index.
      await tx.execute(sql`set local enable_seqscan = off`);
      const read = (entity: 'calls' | 'notes') => explain(tx, pullReadOf(tx, principal, entity, version, 500));
      // The calls read before this change: one OR over the company's changes (calls_version).
      const before: SQL = sql`select * from ${calls} where ${visibleCalls(principal)} and ${calls.version} > ${version}
        order by ${calls.version}, ${calls.id} limit 501`;
      // The notes read before migration 0020: the company's changed notes, each matched to the agent's calls.
      const notesBefore: SQL = sql`select ${notes.id} from ${notes} where ${notes.companyId} = ${company.id}
        and ${notes.version} > ${version} and (${notes.callId} is null or exists (select 1 from ${calls}
        where ${visibleCalls(principal)} and ${calls.id} = ${notes.callId})) order by ${notes.version}, ${notes.id} limit 501`;
      return {
        size,
        calls: await read('calls'),
        notes: await read('notes'),
        before: await explain(tx, before),
        notesBefore: await explain(tx, notesBefore),
      };
    });
  }

  async function versionNow(company: string): Promise<number> {
    const result = await server.database.db.execute(
      sql`select coalesce(max(version), 0)::text as v from calls where company_id = ${company}`,
    );
    return Number((result as unknown as { rows: { v: string }[] }).rows[0]!.v);
  }

  it('examines the same few calls whether the company changed 30 calls or 300', async () => {
    const small = await measure(30);
    const large = await measure(300);
    console.info('pull examines (rows returned / examined):', JSON.stringify([small, large]));
    for (const figure of [small, large]) {
      // Its own call and the colleague's call it took part in; its own note and the one on that call.
      expect(figure.calls.rows).toBe(2);
      expect(figure.notes.rows).toBe(2);
      expect(figure.before.rows).toBe(2);
      expect(figure.notesBefore.rows).toBe(2);
      // The single OR walked the company's changes or the agent's whole call set (whichever
      // the planner found smaller): the reproduction of issue 11.
      expect(figure.before.examined).toBeGreaterThan(HISTORY);
    }
    // The two branches examine what the agent can see that changed, whatever the company did.
    expect(large.calls.examined).toBe(small.calls.examined);
    expect(large.calls.examined).toBeLessThanOrEqual(6);
    // Notes too (migration 0020): the branches read the agent's own changed notes by the
    // call's viewers copied onto them; the EXISTS on calls before walked every changed
    // note of the company (at least `size` rows).
    // (The guests' branch walks the company's changed notes on calls with guests, by
    // version: migration 0021. Here that is one, the colleague's call the agent joined.)
    expect(large.notes.examined).toBeLessThanOrEqual(6);
    expect(small.notes.examined).toBeLessThan(small.notesBefore.examined);
    expect(large.notesBefore.examined).toBeGreaterThanOrEqual(large.size);
  }, 120_000);
});

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { StatementBatch } from '../../src/server/db/statement-batch';
import { as, clientIds, envelopes, newCallArgs, seedCompany, startTestServer, type TestServer } from './helpers/server';

/**
 * What one push and one pull say to Postgres (the sync-cost bench's figures, kept from
 * creeping back): every statement is CPU on both sides, and every round trip a socket
 * write and read on both sides. Counted at the pg driver, so on a real Postgres only
 * (TEST_DATABASE_URL): a round trip is one query the driver sends, a statement batch
 * (statement-batch.ts) listed as its statements joined with " + ".
 */
const adminUrl = process.env['TEST_DATABASE_URL'];

/** A statement's first words and table: "insert into notes", "select … sync_clients … for update". */
function kindOf(query: unknown): string {
  const text = (typeof query === 'string' ? query : String((query as { text?: unknown }).text)).replace(/"/g, '');
  if (/^(begin|commit|rollback)/.test(text)) return text.split(' ')[0]!;
  if (/^select pg_snapshot_xm(in|ax)\(pg_current_snapshot\(\)\)::text as n$/.test(text)) return 'settle';
  // A UNION ALL of parenthesised selects (an agent's calls: owned, and taken part in) is one statement.
  if (text.startsWith('(')) return `union ${/from ([a-z_]+)/.exec(text)?.[1] ?? '?'}`;
  // The statement's own table, not a subquery's (the session check is one in a select list).
  let outer = text;
  while (/\([^()]*\)/.test(outer)) outer = outer.replace(/\([^()]*\)/g, '');
  const table = /(?:from|into|update) ([a-z_]+)/.exec(outer)?.[1] ?? '?';
  return `${text.split(' ')[0]} ${table}${/ for update$/.test(text) ? ' for update' : ''}`;
}

describe.skipIf(!adminUrl)('round trips of a push and a pull (Postgres)', () => {
  let server: TestServer;
  let agent: ReturnType<typeof as>;
  beforeAll(async () => {
    server = await startTestServer();
    agent = as(server, (await seedCompany(server, 'tripco')).agent);
  });
  afterAll(() => server?.close());

  const newClient = clientIds('trip');
  const m = envelopes(9000, 't1');
  const AT = '2026-03-10T12:00:00.000Z';

  /** The round trips `work` made, each as its statements' kinds. */
  async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
    const queries = vi.spyOn(pg.Client.prototype, 'query');
    try {
      await work();
      const trips = queries.mock.calls.map(([query]: unknown[]) =>
        query instanceof StatementBatch ? query.texts.map(kindOf).join(' + ') : kindOf(query),
      );
      // The test helper's own wait before a pull (helpers/server.ts: settled) is not the pull's.
      return trips.filter((kind) => kind !== 'settle');
    } finally {
      queries.mockRestore();
    }
  }

  it('a call with a note on it: one lock, two inserts, one update, in three round trips; no reads of notes or texts', async () => {
    const client = newClient();
    // The first push registers the client and touches presence (heartbeat.ts): not counted.
    await agent.push(client, [m(1, 'call.create', newCallArgs(`${client}-c0`))]);
    const callWithNote = (id: number) => [
      m(id, 'call.create', newCallArgs(`${client}-c${id}`)),
      m(id + 1, 'note.add', { id: `${client}-n${id}`, body: 'Renewal', callId: `${client}-c${id}`, at: AT }),
    ];
    // A statement goes in a batch once its connection has prepared it (statement-batch.ts):
    // named from its second use (statement-names.ts), prepared by that use, sent alone.
    for (const id of [2, 4]) await agent.push(client, callWithNote(id));
    const sent = await statementsOf(async () => {
      const { body } = await agent.push(client, callWithNote(6));
      expect(body.outcomes).toEqual([
        { id: 6, status: 'applied' },
        { id: 7, status: 'applied' },
      ]);
    });
    // The session check rides in the client-row lock (no statement of its own); the BEGIN
    // rides with the lock, and the notes' insert and the client row's update with the COMMIT.
    expect(sent).toEqual([
      'begin + select sync_clients for update',
      'insert calls',
      'insert notes + update sync_clients + commit',
    ]);
  });

  it('a pull with news in two sources: the opening statement and one read per source', async () => {
    const client = newClient();
    await agent.pull(client, null);
    const { cursor } = await agent.pull(client, null);
    await agent.push(newClient(), [
      m(1, 'call.create', newCallArgs(`${client}-c`)),
      m(2, 'note.add', { id: `${client}-n`, body: 'Renewal', callId: `${client}-c`, at: AT }),
    ]);
    const sent = await statementsOf(async () => {
      const page = await agent.pull(client, cursor);
      expect(page.changes.calls.map((call) => call.id)).toEqual([`${client}-c`]);
    });
    const own = sent.filter((kind) => kind !== 'update agent_presence');
    // Other tests' transactions on this Postgres server may make the pull let go of a first
    // look (begin with the opening statement, then commit) and read again after a pause
    // (pull.ts); they may also hold the bound below this client's push, and then the
    // COMMIT cannot go with the reads (a read of the rows above the bound may follow).
    // The session check rides in the opening statement (no statement of its own).
    expect(own).not.toContain('select revoked_sessions');
    // The agent's calls are one statement, a union of its two visibility branches; its
    // notes one too, a union of three (unlinked, on calls it owns, on calls it is a guest of).
    const reads = own.slice(own.lastIndexOf('begin + select companies'));
    expect([
      ['begin + select companies', 'union calls + union notes + commit'],
      ['begin + select companies', 'union calls + union notes', 'commit'],
    ]).toContainEqual(reads);
    expect([2, 3, 4, 5]).toContain(own.length);
  });
});

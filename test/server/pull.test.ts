import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDirectory } from '../../src/server/directory/store';
import { compactTombstones } from '../../src/server/sync/compaction';
import { PullResponse } from '../../src/shared/sync/protocol';
import {
  as,
  AT,
  clientIds,
  envelopes,
  hlc,
  newCallArgs,
  seedCompany,
  startTestServer,
  type TestCompany,
  type TestServer,
} from './helpers/server';

let server: TestServer;
let acme: TestCompany;

beforeAll(async () => {
  server = await startTestServer();
  acme = await seedCompany(server, 'acme');
});
afterAll(() => server.close());

const newClient = clientIds('pull-client');
const m = envelopes(5000, 'p');

/** Pulls until `more` is false, returning every page. */
async function pullAll(user: { token: string }, clientId: string, cursor: string | null, limit?: number) {
  const pages: PullResponse[] = [];
  for (;;) {
    const page = await as(server, user).pull(clientId, cursor, limit);
    PullResponse.parse(page);
    pages.push(page);
    cursor = page.cursor;
    if (!page.more) return pages;
  }
}

/** All pages from `cursor` folded into one response (changes and deletes concatenated). */
async function pullMerged(user: { token: string }, clientId: string, cursor: string | null): Promise<PullResponse> {
  const pages = await pullAll(user, clientId, cursor, 10_000);
  const last = pages.at(-1)!;
  const changes = Object.fromEntries(
    Object.keys(last.changes).map((key) => [
      key,
      pages.flatMap((p) => p.changes[key as keyof PullResponse['changes']] as unknown[]),
    ]),
  ) as PullResponse['changes'];
  return { ...last, reset: pages[0]!.reset, changes, deletes: pages.flatMap((p) => p.deletes) };
}

function contact(id: string, phone: string | null = null) {
  return {
    id,
    firstName: 'Ada',
    lastName: `Lovelace ${id}`,
    phones: phone ? [{ kind: 'work', e164: phone, extension: null }] : [],
    timeZone: null,
    accountId: null,
    createdAt: AT,
    updatedAt: AT,
  };
}

describe('pull', () => {
  it('a first pull resets and returns the work with lastMutationId from the same snapshot', async () => {
    const client = newClient();
    await as(server, acme.agent).push(client, [
      m(1, 'call.create', newCallArgs('pull-call-1')),
      m(2, 'note.add', { id: 'pull-note-1', body: 'first', callId: 'pull-call-1', at: AT }),
    ]);
    const page = await as(server, acme.agent).pull(client, null);
    expect(page.reset).toBe(true);
    expect(page.lastMutationId).toBe(2);
    expect(page.changes.calls.map((c) => c.id)).toContain('pull-call-1');
    expect(page.changes.notes.map((n) => n.id)).toContain('pull-note-1');
    expect(page.hlc).toBe(hlc(5002, 'p'));

    // Nothing new: same position, no changes, no reset.
    const next = await as(server, acme.agent).pull(client, page.cursor);
    expect(next).toMatchObject({ reset: false, more: false, lastMutationId: 2, deletes: [] });
    expect(Object.values(next.changes).every((list) => list.length === 0)).toBe(true);

    // A pushed mutation shows up in the next pull together with its lastMutationId.
    await as(server, acme.agent).push(client, [
      m(3, 'call.update', { id: 'pull-call-1', set: { subject: 'Renamed' }, at: AT }),
    ]);
    const after = await as(server, acme.agent).pull(client, next.cursor);
    expect(after.lastMutationId).toBe(3);
    expect(after.changes.calls).toEqual([expect.objectContaining({ id: 'pull-call-1', subject: 'Renamed' })]);
  });

  it('a supervisor note on an agent call reaches the agent', async () => {
    const agentClient = newClient();
    await as(server, acme.agent).push(agentClient, [m(1, 'call.create', newCallArgs('pull-call-sup'))]);
    const before = await as(server, acme.agent).pull(agentClient, null);
    const posted = await as(server, acme.supervisor).post('/calls/pull-call-sup/notes', {
      body: 'Call them back tomorrow',
    });
    expect(posted.statusCode).toBe(201);
    const after = await as(server, acme.agent).pull(agentClient, before.cursor);
    expect(after.changes.notes).toEqual([
      expect.objectContaining({ body: 'Call them back tomorrow', authorId: acme.supervisor.id }),
    ]);
    const listed = await as(server, acme.agent).get('/calls/pull-call-sup/notes');
    expect(listed.json().items).toHaveLength(1);
  });

  it('pages a large directory download with limit and more, without loss or repeats', async () => {
    const client = newClient();
    const start = await as(server, acme.agent).pull(client, null, 10_000);
    // 2,500 contacts in one transaction share one change version: pages split inside it.
    const ids = Array.from({ length: 2500 }, (_, i) => `bulk-${String(i).padStart(5, '0')}`);
    await importDirectory(
      server.database.db,
      acme.id,
      'contacts',
      ids.map((id) => contact(id)),
    );
    const pages = await pullAll(acme.agent, client, start.cursor, 1000);
    expect(pages.map((p) => p.changes.contacts.length)).toEqual([1000, 1000, 500]);
    expect(pages.map((p) => p.more)).toEqual([true, true, false]);
    const seen = pages.flatMap((p) => p.changes.contacts.map((c) => c.id));
    expect(new Set(seen).size).toBe(2500);
    expect(seen.sort()).toEqual(ids);
  });

  it('sends tombstones for deletes, only to the owner of personal rows', async () => {
    const client = newClient();
    await as(server, acme.agent).push(client, [
      m(1, 'call.create', newCallArgs('pull-call-rem')),
      m(2, 'reminder.set', { id: 'rem-1', callId: 'pull-call-rem', offsetMinutes: 10, remindAt: AT, at: AT }),
    ]);
    const first = await pullMerged(acme.agent, client, null);
    expect(first.changes.reminders.map((r) => r.id)).toEqual(['rem-1']);
    const supervisorStart = await pullMerged(acme.supervisor, 'pull-sup-client', null);
    expect(supervisorStart.changes.reminders).toEqual([]);

    await as(server, acme.agent).push(client, [m(3, 'reminder.delete', { id: 'rem-1', at: AT })]);
    const after = await as(server, acme.agent).pull(client, first.cursor);
    expect(after.deletes).toEqual([{ entity: 'reminders', id: 'rem-1' }]);
    expect(after.changes.reminders).toEqual([]);
    const supervisorAfter = await as(server, acme.supervisor).pull('pull-sup-client', supervisorStart.cursor);
    expect(supervisorAfter.deletes).toEqual([]);
  });

  it('answers reset for an unknown cursor, a cursor from the future, and one older than the compaction horizon', async () => {
    const client = newClient();
    const current = await pullMerged(acme.agent, client, null);
    expect((await as(server, acme.agent).pull(client, 'garbage')).reset).toBe(true);
    expect((await as(server, acme.agent).pull(client, 'c1:999999999')).reset).toBe(true);
    expect((await as(server, acme.agent).pull(client, current.cursor)).reset).toBe(false);

    // A delete happens after the cursor, then its tombstone is compacted away.
    await as(server, acme.agent).push(client, [
      m(1, 'call.create', newCallArgs('pull-call-old')),
      m(2, 'reminder.set', { id: 'rem-old', callId: 'pull-call-old', offsetMinutes: 5, remindAt: AT, at: AT }),
      m(3, 'reminder.delete', { id: 'rem-old', at: AT }),
    ]);
    const compacted = await compactTombstones(server.database.db, acme.id, new Date('2100-01-01T00:00:00.000Z'));
    expect(compacted.removed).toBeGreaterThan(0);
    const stale = await pullMerged(acme.agent, client, current.cursor);
    expect(stale.reset).toBe(true);
    expect(stale.changes.calls.map((c) => c.id)).toContain('pull-call-old');
    expect(stale.changes.contacts.length).toBeGreaterThanOrEqual(2500);
    // After the reset the client is past the horizon again.
    const pages = await pullAll(acme.agent, client, stale.cursor);
    expect(pages.every((p) => !p.reset)).toBe(true);
  });
});

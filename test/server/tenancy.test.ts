import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, contacts } from '../../src/server/db/schema';
import { importDirectory } from '../../src/server/directory/store';
import type { CallRecord } from '../../src/shared/domain/call';
import {
  as,
  AT,
  hlc,
  newCallArgs,
  seedCompany,
  startTestServer,
  type TestCompany,
  type TestServer,
} from './helpers/server';

let server: TestServer;
let a: TestCompany;
let b: TestCompany;
const PHONE = '+14155550123';

beforeAll(async () => {
  server = await startTestServer();
  a = await seedCompany(server, 'acme');
  b = await seedCompany(server, 'globex');
  // Company A: an agent's call with a note, a call of agent2 with the agent as participant,
  // a call of agent2 alone, and a contact with a phone.
  await as(server, a.agent).push('a-agent-client', [
    {
      id: 1,
      name: 'call.create',
      args: newCallArgs('A-CALL', {
        status: 'Held',
        actualStart: AT,
        actualEnd: '2026-03-10T12:03:00.000Z',
        fromNumber: PHONE,
      }),
      hlc: hlc(1, 'a'),
    },
    { id: 2, name: 'note.add', args: { id: 'A-NOTE', body: 'secret', callId: 'A-CALL', at: AT }, hlc: hlc(2, 'a') },
    {
      id: 3,
      name: 'reminder.set',
      args: { id: 'A-REM', callId: 'A-CALL', offsetMinutes: 5, remindAt: AT, at: AT },
      hlc: hlc(3, 'a'),
    },
    {
      id: 4,
      name: 'task.create',
      args: { id: 'A-TASK', subject: 'follow up', callId: 'A-CALL', at: AT },
      hlc: hlc(4, 'a'),
    },
  ]);
  await as(server, a.agent2).push('a-agent2-client', [
    {
      id: 1,
      name: 'call.create',
      args: newCallArgs('A-SHARED', {
        participants: [{ kind: 'user', id: a.agent.id, role: 'attendee', name: 'Agent' }],
      }),
      hlc: hlc(1, 'a2'),
    },
    { id: 2, name: 'call.create', args: newCallArgs('A-PRIVATE'), hlc: hlc(2, 'a2') },
  ]);
  await importDirectory(server.database.db, a.id, 'contacts', [
    {
      id: 'A-CONTACT',
      firstName: 'Ann',
      lastName: 'Acme',
      phones: [{ kind: 'work', e164: PHONE, extension: null }],
      timeZone: null,
      accountId: null,
      createdAt: AT,
      updatedAt: AT,
    },
  ]);
});
afterAll(() => server.close());

const ids = (items: CallRecord[]) => items.map((c) => c.id).sort();

describe('tenant isolation: company B can neither read nor change company A', () => {
  for (const role of ['admin', 'supervisor', 'agent'] as const) {
    it(`reads nothing of A as B's ${role}`, async () => {
      const user = b[role];
      const api = as(server, user);
      expect((await api.get('/calls')).json().items).toEqual([]);
      expect((await api.get('/calls?q=Call')).json().items).toEqual([]);
      expect((await api.get('/calls/A-CALL')).statusCode).toBe(404);
      expect((await api.get('/calls/A-CALL/notes')).statusCode).toBe(404);
      expect((await api.get(`/lookup?phone=${encodeURIComponent(PHONE)}`)).json().matches).toEqual([]);
      const summary = (await api.get('/analytics/summary?period=year')).json();
      expect(summary.overall.total).toBe(0);
      const csv = await api.get('/export/calls.csv');
      expect(csv.statusCode).toBe(200);
      expect(csv.body.split('\r\n').filter(Boolean)).toHaveLength(1);
      const users = (await api.get('/users')).json().items as { companyId: string }[];
      expect(users.every((u) => u.companyId === b.id)).toBe(true);

      const pull = await api.pull(`b-${role}-client`, null, 10_000);
      const everything = JSON.stringify(pull.changes) + JSON.stringify(pull.deletes);
      expect(everything).not.toMatch(/A-(CALL|NOTE|REM|TASK|CONTACT|SHARED|PRIVATE)/);
      expect(pull.hlc).toBeNull();
    });
  }

  it('cannot change A through push: every mutation aimed at A ids is refused and A is unchanged', async () => {
    // Later than every stamp of A (so a leak would win), yet not ahead of the server's clock.
    const LATE = Date.parse(AT);
    const { body } = await as(server, b.admin).push('b-attack-client', [
      { id: 1, name: 'call.update', args: { id: 'A-CALL', set: { subject: 'pwned' }, at: AT }, hlc: hlc(LATE, 'b') },
      {
        id: 2,
        name: 'call.setStatus',
        args: { id: 'A-PRIVATE', to: 'Cancelled', reason: 'x', at: AT },
        hlc: hlc(LATE + 1, 'b'),
      },
      { id: 3, name: 'note.add', args: { id: 'B-NOTE', body: 'x', callId: 'A-CALL', at: AT }, hlc: hlc(LATE + 2, 'b') },
      {
        id: 4,
        name: 'task.create',
        args: { id: 'B-TASK', subject: 'x', callId: 'A-CALL', at: AT },
        hlc: hlc(LATE + 3, 'b'),
      },
      { id: 5, name: 'task.update', args: { id: 'A-TASK', set: { subject: 'x' }, at: AT }, hlc: hlc(LATE + 4, 'b') },
      { id: 6, name: 'task.setStatus', args: { id: 'A-TASK', to: 'Done', at: AT }, hlc: hlc(LATE + 5, 'b') },
      {
        id: 7,
        name: 'reminder.set',
        args: { id: 'B-REM', callId: 'A-CALL', offsetMinutes: 1, remindAt: AT, at: AT },
        hlc: hlc(LATE + 6, 'b'),
      },
      { id: 8, name: 'reminder.delete', args: { id: 'A-REM', at: AT }, hlc: hlc(LATE + 7, 'b') },
      {
        id: 9,
        name: 'contact.update',
        args: { id: 'A-CONTACT', set: { lastName: 'x' }, at: AT },
        hlc: hlc(LATE + 8, 'b'),
      },
      // Same id as A's call: B gets its own row; A's is untouched.
      { id: 10, name: 'call.create', args: newCallArgs('A-CALL', { subject: 'B own' }), hlc: hlc(LATE + 9, 'b') },
    ]);
    expect(body.outcomes.slice(0, 9).map((o) => (o.status === 'rejected' ? o.error.code : o.status))).toEqual(
      Array(9).fill('not_found'),
    );
    expect(body.outcomes[9]!.status).toBe('applied');

    const [aCall] = await server.database.db
      .select()
      .from(calls)
      .where(and(eq(calls.companyId, a.id), eq(calls.id, 'A-CALL')));
    expect(aCall!.subject).toBe('Call A-CALL');
    const [aPrivate] = await server.database.db
      .select()
      .from(calls)
      .where(and(eq(calls.companyId, a.id), eq(calls.id, 'A-PRIVATE')));
    expect(aPrivate!.status).toBe('Planned');
    const [aContact] = await server.database.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.companyId, a.id), eq(contacts.id, 'A-CONTACT')));
    expect(aContact!.data['lastName']).toBe('Acme');
    expect((await as(server, a.agent).get('/calls/A-CALL/notes')).json().items).toHaveLength(1);
    // And A still sees its own call, not B's namesake.
    expect((await as(server, a.agent).get('/calls/A-CALL')).json().subject).toBe('Call A-CALL');
  });

  it('cannot write a note on A call through the REST endpoint', async () => {
    // (B created its own "A-CALL" above, so aim at an id only A has.)
    const response = await as(server, b.admin).post('/calls/A-PRIVATE/notes', { body: 'x' });
    expect(response.statusCode).toBe(404);
    expect((await as(server, a.supervisor).get('/calls/A-PRIVATE/notes')).json().items).toEqual([]);
  });

  it("cannot use A's sync client id to push, pull or read its rejections", async () => {
    const api = as(server, b.admin);
    expect((await api.post('/sync/push', { clientId: 'a-agent-client', mutations: [] })).statusCode).toBe(403);
    expect((await api.post('/sync/pull', { clientId: 'a-agent-client', cursor: null })).statusCode).toBe(403);
    expect((await api.get('/sync/rejections?clientId=a-agent-client')).statusCode).toBe(403);
  });
});

describe('role scoping inside a company', () => {
  it('an agent sees own calls and calls they take part in; a supervisor sees all', async () => {
    expect(ids((await as(server, a.agent).get('/calls')).json().items)).toEqual(['A-CALL', 'A-SHARED']);
    expect(ids((await as(server, a.agent2).get('/calls')).json().items)).toEqual(['A-PRIVATE', 'A-SHARED']);
    expect(ids((await as(server, a.supervisor).get('/calls')).json().items)).toEqual([
      'A-CALL',
      'A-PRIVATE',
      'A-SHARED',
    ]);
    expect((await as(server, a.agent).get('/calls/A-PRIVATE')).statusCode).toBe(404);
    // A filter on another owner cannot widen what an agent sees.
    expect(
      (await as(server, a.agent).get(`/calls?owner=${a.agent2.id}`)).json().items.map((c: CallRecord) => c.id),
    ).toEqual(['A-SHARED']);
  });

  it('pull carries only what the role may see; reminders stay personal', async () => {
    const agentPull = await as(server, a.agent).pull('a-agent-scope', null, 10_000);
    expect(ids(agentPull.changes.calls)).toEqual(['A-CALL', 'A-SHARED']);
    expect(agentPull.changes.reminders.map((r) => r.id)).toEqual(['A-REM']);
    const supPull = await as(server, a.supervisor).pull('a-sup-scope', null, 10_000);
    expect(ids(supPull.changes.calls)).toEqual(['A-CALL', 'A-PRIVATE', 'A-SHARED']);
    expect(supPull.changes.reminders).toEqual([]);
    expect(supPull.changes.notes.map((n) => n.id)).toEqual(['A-NOTE']);
    const agent2Pull = await as(server, a.agent2).pull('a-agent2-scope', null, 10_000);
    expect(agent2Pull.changes.notes).toEqual([]);
    expect(agent2Pull.changes.tasks).toEqual([]);
  });

  it("an agent cannot change a colleague's call; analytics and export follow the same scope", async () => {
    const { body } = await as(server, a.agent).push('a-agent-client', [
      { id: 5, name: 'call.update', args: { id: 'A-PRIVATE', set: { subject: 'x' }, at: AT }, hlc: hlc(10, 'a') },
      { id: 6, name: 'note.add', args: { id: 'A-NOTE-2', body: 'x', callId: 'A-PRIVATE', at: AT }, hlc: hlc(11, 'a') },
    ]);
    expect(body.outcomes.map((o) => (o.status === 'rejected' ? o.error.code : o.status))).toEqual([
      'forbidden',
      'forbidden',
    ]);
    expect((await as(server, a.agent).get('/analytics/summary?period=year')).json().overall.total).toBe(2);
    expect((await as(server, a.supervisor).get('/analytics/summary?period=year')).json().overall.total).toBe(3);
    const csv = (await as(server, a.agent).get('/export/calls.csv')).body;
    expect(csv).not.toContain('A-PRIVATE');
    expect(csv).toContain('A-SHARED');
  });
});

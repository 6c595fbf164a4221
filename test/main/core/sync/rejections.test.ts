import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RejectedChange, SyncStatus } from '../../../../src/shared/api/sync';
import type { CallRecord } from '../../../../src/shared/domain/call';
import type { Note } from '../../../../src/shared/domain/work';
import { openLocalDb } from '../../../../src/main/core/db/open';
import { appendMutation } from '../../../../src/main/core/sync/append-mutation';
import {
  as,
  seedCompany,
  startTestServerForDesktops,
  type TestCompany,
  type TestServer,
} from '../../../server/helpers/server';
import { fixtureTx, migrationsDir } from '../helpers';
import { dbFile, injectTransport, openDesktop, signIn, type Desktop } from './harness';
import type { SyncTransport } from '../../../../src/main/core/sync/transport';
import { pack } from '../../../../src/shared/sync/hlc';

let server: TestServer;
let company: TestCompany;
beforeAll(async () => {
  server = await startTestServerForDesktops();
  company = await seedCompany(server, 'refusals');
});
afterAll(async () => server.close());

const rejections = async (desktop: Desktop) =>
  (await desktop.invoke<{ items: RejectedChange[]; total: number }>('sync.rejections', {})).items;

/** Lets pushes through but holds pulls back, so a refusal is seen before the pull that would undo it. */
function pullsBlocked(inner: SyncTransport) {
  const gate = { pulls: true };
  const transport: SyncTransport = {
    async request(request) {
      if (!gate.pulls && request.path === '/sync/pull') return { status: 503, body: { code: 'busy', message: 'busy' } };
      return inner.request(request);
    },
  };
  return { transport, gate };
}

/**
 * Holds the replies to /auth/refresh after the server has answered: a refresh the server
 * spent whose reply the desktop has not seen yet (what a restart or crash mid-refresh leaves).
 */
function refreshRepliesHeld(inner: SyncTransport) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const held = { count: 0 };
  const transport: SyncTransport = {
    async request(request) {
      const reply = await inner.request(request);
      if (request.path === '/auth/refresh') {
        held.count += 1;
        await gate;
      }
      return reply;
    },
  };
  return { transport, held, release };
}

describe("a restart while sign-in's line check renews the session", () => {
  it('keeps the agent signed in: the spent token is honoured once more, nothing is revoked', async () => {
    const net = refreshRepliesHeld(injectTransport(server));
    const desktop = openDesktop(net.transport);
    await signIn(desktop, 'refusals', company.agent.email);
    // The line check (GET /voice/config) renewed the access token on the server; its reply waits.
    await expect.poll(() => net.held.count).toBe(1);
    const restarted = desktop.reopen(injectTransport(server));
    expect(await restarted.sync()).toMatchObject({ state: 'online', lastError: null });
    // The old core's reply lands after the restart: whichever token is kept still works.
    net.release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await restarted.sync()).toMatchObject({ state: 'online', lastError: null });
    expect(await restarted.invoke('session.get', {})).toMatchObject({ signedIn: true });
    restarted.close();
  });
});

describe('demo data and sync', () => {
  it('edits of demo calls stay on this desktop: nothing is queued, nothing is refused, the edits stay', async () => {
    const desktop = openDesktop(injectTransport(server), { seedDemo: true });
    await signIn(desktop, 'refusals', company.agent.email);
    await desktop.sync();
    const { items } = await desktop.invoke<{ items: CallRecord[] }>('calls.list', { limit: 200 });
    const demoPlanned = items.find((call) => call.isDemo && call.status === 'Planned');
    const demoHeld = items.find((call) => call.isDemo && call.status === 'Held');
    expect(demoPlanned && demoHeld, 'the demo has planned and held calls').toBeTruthy();

    await desktop.invoke('calls.update', { id: demoHeld!.id, subject: 'Demo call, edited' });
    await desktop.invoke('calls.setStatus', { id: demoPlanned!.id, to: 'Cancelled', reason: 'Customer moved it' });
    await desktop.invoke('calls.addNote', { callId: demoHeld!.id, body: 'A note on a demo call' });
    expect(desktop.core.sync!.status().pending).toBe(0);

    const after = await desktop.sync();
    expect(after).toMatchObject({ pending: 0, rejected: 0, lastError: null });
    expect(await rejections(desktop)).toEqual([]);
    // A rebase after the pull did not touch them: the agent's edits are still there.
    expect((await desktop.invoke<CallRecord>('calls.get', { id: demoHeld!.id })).subject).toBe('Demo call, edited');
    expect((await desktop.invoke<CallRecord>('calls.get', { id: demoPlanned!.id })).status).toBe('Cancelled');
    const notes = await desktop.invoke<{ items: Note[] }>('calls.notes', { callId: demoHeld!.id });
    expect(notes.items.map((note) => note.body)).toContain('A note on a demo call');

    // A real call is still sent, even one about a demo contact.
    const real = await desktop.invoke<CallRecord>('calls.create', {
      direction: 'Outbound',
      subject: 'Real call',
      related: demoHeld!.related,
    });
    expect(desktop.core.sync!.status().pending).toBe(1);
    expect(await desktop.sync()).toMatchObject({ pending: 0, rejected: 0 });
    expect((await as(server, company.agent).get(`/calls/${real.id}`)).statusCode).toBe(200);
    expect((await as(server, company.agent).get(`/calls/${demoHeld!.id}`)).statusCode).toBe(404);
    desktop.close();
  });
});

describe('a desktop upgraded from a build that queued demo edits', () => {
  it('drops them at start, keeps the edits, and sends the real work around the gap', { timeout: 60_000 }, async () => {
    const first = openDesktop(injectTransport(server), { seedDemo: true });
    const real = await first.invoke<CallRecord>('calls.create', { direction: 'Outbound', subject: 'Real, before' });
    first.close();
    const local = openLocalDb({ file: dbFile(first), migrationsDir });
    const demoId = (local.sqlite.prepare(`select id from calls where is_demo = 1 limit 1`).get() as { id: string }).id;
    // As the older build queued them: straight into the outbox, between two real changes.
    const at = '2026-03-10T12:00:00.000Z';
    const queueRaw = local.sqlite.prepare(`insert into outbox (name, args, created_at, hlc) values (?, ?, ?, ?)`);
    const hlc = pack({ wallMs: Date.parse(at), counter: 0, node: 'older-build' });
    local.sqlite.prepare(`update calls set subject = 'Edited by the old build' where id = ?`).run(demoId);
    queueRaw.run(
      'call.update',
      JSON.stringify({ id: demoId, set: { subject: 'Edited by the old build' }, at }),
      at,
      hlc,
    );
    queueRaw.run(
      'note.add',
      JSON.stringify({ id: 'old-demo-note', body: 'On a demo call', callId: demoId, at }),
      at,
      hlc,
    );
    appendMutation(fixtureTx(local), 'note.add', { id: 'real-note-after', body: 'Real, after', callId: real.id, at });
    local.close();

    const desktop = first.reopen();
    expect(desktop.core.sync!.status().pending).toBe(2);
    await signIn(desktop, 'refusals', company.agent.email);
    expect(await desktop.sync()).toMatchObject({ pending: 0, rejected: 0, lastError: null });
    expect((await as(server, company.agent).get(`/calls/${real.id}`)).statusCode).toBe(200);
    const notes = (await as(server, company.agent).get(`/calls/${real.id}/notes`)).json<{ items: Note[] }>();
    expect(notes.items.map((note) => note.body)).toEqual(['Real, after']);
    expect((await desktop.invoke<CallRecord>('calls.get', { id: demoId })).subject).toBe('Edited by the old build');
    desktop.close();
  });
});

describe('a refused change', () => {
  it('is named in words: the record, the change and the reason', async () => {
    const desktop = openDesktop(injectTransport(server));
    await signIn(desktop, 'refusals', company.agent.email);
    const call = await desktop.invoke<CallRecord>('calls.create', {
      direction: 'Inbound',
      subject: 'Invoice question',
    });
    await desktop.sync();
    const local = openLocalDb({ file: dbFile(desktop), migrationsDir });
    // An edit of a call the server does not have (as a demo call's edit used to be): the
    // local row is moved to an id the server never saw.
    local.sqlite.pragma('foreign_keys = OFF');
    local.sqlite.prepare(`update calls set id = 'ghost-call' where id = ?`).run(call.id);
    appendMutation(fixtureTx(local), 'call.update', {
      id: 'ghost-call',
      set: { subject: 'Invoice question (paid)', outcomeText: 'Paid' },
      at: '2026-03-10T12:00:00.000Z',
    });
    local.close();
    expect(await desktop.sync()).toMatchObject({ rejected: 1 });
    const [refused] = await rejections(desktop);
    expect(refused).toMatchObject({
      record: 'Call “Invoice question”',
      change: 'Changed the subject and outcome',
      reason:
        'The CRM server does not have this record: it was never sent there (demo data stays on this desktop) or it was deleted there.',
    });
    expect(refused!.reason).not.toContain('ghost-call');
    desktop.close();
  });

  it('Discard puts the record back to the server copy, before the pull that would have', async () => {
    const net = pullsBlocked(injectTransport(server));
    const agent = openDesktop(net.transport);
    const supervisor = openDesktop(injectTransport(server));
    await signIn(agent, 'refusals', company.agent.email);
    await signIn(supervisor, 'refusals', company.supervisor.email);
    const created = await agent.invoke<CallRecord>('calls.create', { direction: 'Inbound', subject: 'Billing' });
    await agent.sync();
    await supervisor.sync();
    await supervisor.invoke('calls.setStatus', {
      id: created.id,
      to: 'Held',
      actualStart: '2026-03-10T10:00:00.000Z',
      actualEnd: '2026-03-10T10:05:00.000Z',
    });
    await supervisor.sync();

    net.gate.pulls = false;
    await agent.invoke('calls.update', { id: created.id, subject: 'Billing (agent)' });
    await agent.invoke('calls.setStatus', { id: created.id, to: 'Cancelled', reason: 'Duplicate entry' });
    await agent.sync();
    expect(agent.core.sync!.status()).toMatchObject({ pending: 0, rejected: 1 });
    expect((await agent.invoke<CallRecord>('calls.get', { id: created.id })).status).toBe('Cancelled');
    const [refused] = await rejections(agent);
    expect(refused).toMatchObject({ record: 'Call “Billing (agent)”', change: 'Set the status to Cancelled' });
    expect(refused!.reason).toMatch(/cannot change status|It can become/);

    const status = await agent.invoke<SyncStatus>('sync.discardRejected', { mutationId: refused!.mutationId });
    expect(status.rejected).toBe(0);
    expect(await rejections(agent)).toEqual([]);
    // Back to the server copy this desktop holds (Planned), with the accepted subject edit on top.
    const discarded = await agent.invoke<CallRecord>('calls.get', { id: created.id });
    expect(discarded).toMatchObject({ status: 'Planned', subject: 'Billing (agent)' });

    net.gate.pulls = true;
    await agent.sync();
    const onServer = (await as(server, company.agent).get(`/calls/${created.id}`)).json<CallRecord>();
    expect(await agent.invoke<CallRecord>('calls.get', { id: created.id })).toEqual(onServer);
    expect(onServer).toMatchObject({ status: 'Held', subject: 'Billing (agent)' });
    agent.close();
    supervisor.close();
  });

  it('Discard of a refused creation removes the record that exists nowhere else', async () => {
    const desktop = openDesktop(injectTransport(server));
    await signIn(desktop, 'refusals', company.agent.email);
    const local = openLocalDb({ file: dbFile(desktop), migrationsDir });
    // A note on a call the server does not have: refused at push.
    local.sqlite.transaction(() => {
      appendMutation(fixtureTx(local), 'note.add', {
        id: 'orphan-note',
        body: 'Lost note',
        callId: 'no-such-call',
        at: '2026-03-10T12:00:00.000Z',
      });
    })();
    local.sqlite
      .prepare(`insert into notes (id, body, call_id, author_id, created_at, is_demo) values (?, ?, null, ?, ?, 0)`)
      .run('orphan-note', 'Lost note', 'someone', '2026-03-10T12:00:00.000Z');
    local.close();
    const net = pullsBlocked(injectTransport(server));
    const blocked = desktop.reopen(net.transport);
    net.gate.pulls = false;
    expect(await blocked.sync()).toMatchObject({ rejected: 1 });
    const [refused] = await rejections(blocked);
    expect(refused).toMatchObject({ change: 'Added a note' });
    await blocked.invoke('sync.discardRejected', { mutationId: refused!.mutationId });
    const check = openLocalDb({ file: dbFile(blocked), migrationsDir });
    expect(check.sqlite.prepare(`select count(*) as n from notes where id = 'orphan-note'`).get()).toEqual({ n: 0 });
    check.close();
    blocked.close();
  });

  it('Retry sends it again under a new mutation id and it lands once the cause is gone', async () => {
    const agent = openDesktop(injectTransport(server));
    const other = openDesktop(injectTransport(server));
    await signIn(agent, 'refusals', company.agent.email);
    await signIn(other, 'refusals', company.agent.email);
    const id = '01J0RETRY0000000000000000A';
    const local = openLocalDb({ file: dbFile(agent), migrationsDir });
    appendMutation(fixtureTx(local), 'call.update', {
      id,
      set: { subject: 'Retried subject' },
      at: '2026-03-10T12:00:00.000Z',
    });
    local.close();
    expect(await agent.sync()).toMatchObject({ rejected: 1, pending: 0 });
    const [refused] = await rejections(agent);

    // The cause goes away: the call reaches the server from another desktop.
    const otherDb = openLocalDb({ file: dbFile(other), migrationsDir });
    appendMutation(fixtureTx(otherDb), 'call.create', {
      id,
      direction: 'Outbound',
      subject: 'Original subject',
      status: 'Planned',
      at: '2026-03-10T11:00:00.000Z',
    });
    otherDb.close();
    await other.sync();
    await agent.sync();

    const retried = await agent.invoke<SyncStatus>('sync.retryRejected', { mutationId: refused!.mutationId });
    expect(retried).toMatchObject({ rejected: 0, pending: 1 });
    const check = openLocalDb({ file: dbFile(agent), migrationsDir });
    const queued = check.sqlite.prepare(`select mutation_id as id, name from outbox`).all() as {
      id: number;
      name: string;
    }[];
    check.close();
    expect(queued).toHaveLength(1);
    expect(queued[0]!.name).toBe('call.update');
    expect(queued[0]!.id).toBeGreaterThan(refused!.mutationId);
    // Its effect is back on the record at once, not only after the server answers.
    expect((await agent.invoke<CallRecord>('calls.get', { id })).subject).toBe('Retried subject');

    expect(await agent.sync()).toMatchObject({ pending: 0, rejected: 0 });
    expect((await as(server, company.agent).get(`/calls/${id}`)).json<CallRecord>().subject).toBe('Retried subject');
    agent.close();
    other.close();
  });

  it('Discard or Retry of a refusal that is not there says so in words', async () => {
    const desktop = openDesktop(injectTransport(server));
    const reply = await desktop.core.dispatch('sync.discardRejected', { mutationId: 999 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'not_found' } });
    desktop.close();
  });
});

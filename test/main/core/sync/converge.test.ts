import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LineSnapshot } from '../../../../src/shared/api/line';
import type { CallRecord } from '../../../../src/shared/domain/call';
import type { Note } from '../../../../src/shared/domain/work';
import type { RejectedChange, SyncStatus } from '../../../../src/shared/api/sync';
import {
  as,
  seedCompany,
  startTestServerForDesktops,
  type TestCompany,
  type TestServer,
} from '../../../server/helpers/server';
import { injectTransport, offlinePair, openDesktop, signIn, type Desktop } from './harness';

let server: TestServer;
let company: TestCompany;
beforeAll(async () => {
  server = await startTestServerForDesktops();
  company = await seedCompany(server, 'acme');
});
afterAll(async () => server.close());

const pair = () => offlinePair(server);

const notesOf = async (desktop: Desktop, callId: string) =>
  (await desktop.invoke<{ items: Note[] }>('calls.notes', { callId })).items.map((n) => n.body).sort();

describe('two desktops, offline edits of the same call, reconnect: everyone converges', () => {
  it('per-field last writer wins by HLC, notes append, the supervisor’s note reaches the agent', async () => {
    const { agent, supervisor, offline, online } = pair();
    await signIn(agent, 'acme', company.agent.email);
    await signIn(supervisor, 'acme', company.supervisor.email);
    const created = await agent.invoke<CallRecord>('calls.create', { direction: 'Outbound', subject: 'Renewal' });
    expect((await agent.sync()).pending).toBe(0);
    await supervisor.sync();
    expect((await supervisor.invoke<CallRecord>('calls.get', { id: created.id })).subject).toBe('Renewal');

    offline();
    await agent.invoke('calls.update', { id: created.id, subject: 'Renewal (agent)' });
    await agent.invoke('calls.update', { id: created.id, outcome: { dispositionCode: null, text: 'Sent quote' } });
    await agent.invoke('calls.addNote', { callId: created.id, body: 'Agent: customer wants 12 seats' });
    await new Promise((resolve) => setTimeout(resolve, 5)); // the supervisor edits later by the clock
    await supervisor.invoke('calls.update', { id: created.id, subject: 'Renewal (supervisor)' });
    await supervisor.invoke('calls.addNote', { callId: created.id, body: 'Supervisor: offer 10% off' });
    const offlineStatus = await agent.sync();
    expect(offlineStatus).toMatchObject({ state: 'offline', pending: 3, lastError: { code: 'offline' } });

    online();
    await agent.sync();
    await supervisor.sync();
    const final = await agent.sync();
    await supervisor.sync();
    expect(final).toMatchObject({ state: 'online', pending: 0, lastError: null, rejected: 0 });

    const onAgent = await agent.invoke<CallRecord>('calls.get', { id: created.id });
    const onSupervisor = await supervisor.invoke<CallRecord>('calls.get', { id: created.id });
    const onServer = (await as(server, company.agent).get(`/calls/${created.id}`)).json<CallRecord>();
    expect(onAgent.subject).toBe('Renewal (supervisor)');
    expect(onAgent.outcome.text).toBe('Sent quote');
    expect(onAgent).toEqual(onSupervisor);
    expect(onAgent).toEqual(onServer);
    const bothNotes = ['Agent: customer wants 12 seats', 'Supervisor: offer 10% off'];
    expect(await notesOf(agent, created.id)).toEqual(bothNotes);
    expect(await notesOf(supervisor, created.id)).toEqual(bothNotes);
    agent.close();
    supervisor.close();
  });

  it('a status change the server refuses is undone locally and listed with its reason', async () => {
    const { agent, supervisor, offline, online } = pair();
    await signIn(agent, 'acme', company.agent.email);
    await signIn(supervisor, 'acme', company.supervisor.email);
    const created = await agent.invoke<CallRecord>('calls.create', { direction: 'Inbound', subject: 'Billing' });
    await agent.sync();
    await supervisor.sync();

    offline();
    await supervisor.invoke('calls.setStatus', {
      id: created.id,
      to: 'Held',
      actualStart: '2026-03-10T10:00:00.000Z',
      actualEnd: '2026-03-10T10:05:00.000Z',
    });
    await agent.invoke('calls.setStatus', { id: created.id, to: 'Cancelled', reason: 'Duplicate entry' });
    online();
    await supervisor.sync();
    const agentStatus = await agent.sync();
    expect(agentStatus).toMatchObject({ pending: 0, rejected: 1 });
    const { items } = await agent.invoke<{ items: RejectedChange[] }>('sync.rejections', {});
    expect(items[0]).toMatchObject({
      name: 'call.setStatus',
      code: 'illegal_transition',
      target: { entity: 'calls', id: created.id },
    });
    const onAgent = await agent.invoke<CallRecord>('calls.get', { id: created.id });
    expect(onAgent.status).toBe('Held');
    expect(onAgent).toEqual(await supervisor.invoke<CallRecord>('calls.get', { id: created.id }));
    agent.close();
    supervisor.close();
  });

  it('signed out, the engine stays idle and local work goes on; signing in sends it under the server’s user id', async () => {
    const desktop = openDesktop(injectTransport(server));
    const before = await desktop.invoke<CallRecord>('calls.create', {
      direction: 'Outbound',
      subject: 'Offline first',
    });
    expect(await desktop.sync()).toMatchObject({ state: 'signed-out', pending: 1 });
    await signIn(desktop, 'acme', company.agent2.email);
    const info = await desktop.invoke<{ userId: string }>('app.info');
    expect(info.userId).toBe(company.agent2.id);
    const status: SyncStatus = await desktop.sync();
    expect(status).toMatchObject({ state: 'online', pending: 0, rejected: 0 });
    const onServer = (await as(server, company.agent2).get(`/calls/${before.id}`)).json<CallRecord>();
    expect(onServer.ownerId).toBe(company.agent2.id);
    expect((await desktop.invoke<CallRecord>('calls.get', { id: before.id })).ownerId).toBe(company.agent2.id);
    desktop.close();
  });
});

describe('the wrap-up’s refined Not Held reason', () => {
  it('reaches the server and the supervisor, and a later pull does not undo it on the agent’s desktop', async () => {
    const { agent, supervisor } = pair();
    await signIn(agent, 'acme', company.agent.email);
    await signIn(supervisor, 'acme', company.supervisor.email);
    // An outbound call nobody answered: telephony marks it Not Held with its own reason…
    await agent.invoke('dev.scriptOutbound', { number: '+14155550123', outcome: 'no-answer', afterMs: 0 });
    const dialed = await agent.invoke<{ callId: string }>('line.dial', {
      number: '+14155550123',
      source: 'ui',
      requestId: 'converge-1',
    });
    const callId = dialed.callId;
    await vi.waitFor(async () => expect((await agent.invoke<LineSnapshot>('line.state', {})).phase).toBe('wrap-up'));
    expect(await agent.invoke<CallRecord>('calls.get', { id: callId })).toMatchObject({
      status: 'NotHeld',
      statusReason: 'No answer',
    });
    // …and the agent, who left a message, says so at wrap-up.
    await agent.invoke('wrapup.submit', {
      callId,
      status: 'NotHeld',
      reason: 'Left a voicemail',
      dispositionCode: 'left_voicemail',
    });
    expect(await agent.sync()).toMatchObject({ state: 'online', pending: 0, rejected: 0 });

    const onServer = (await as(server, company.agent).get(`/calls/${callId}`)).json<CallRecord>();
    expect(onServer).toMatchObject({ status: 'NotHeld', statusReason: 'Left a voicemail' });
    expect(onServer.history.map((entry) => entry.reason)).toContain('No answer');
    await supervisor.sync();
    expect((await supervisor.invoke<CallRecord>('calls.get', { id: callId })).statusReason).toBe('Left a voicemail');

    // Someone else's later edit brings the call back down to the agent: the reason stays refined.
    await supervisor.invoke('calls.update', { id: callId, subject: 'Call back Thursday' });
    await supervisor.sync();
    await agent.sync();
    const onAgent = await agent.invoke<CallRecord>('calls.get', { id: callId });
    expect(onAgent).toMatchObject({ subject: 'Call back Thursday', statusReason: 'Left a voicemail' });
    expect(onAgent).toEqual((await as(server, company.agent).get(`/calls/${callId}`)).json<CallRecord>());
    expect(onAgent).toEqual(await supervisor.invoke<CallRecord>('calls.get', { id: callId }));
    agent.close();
    supervisor.close();
  });
});

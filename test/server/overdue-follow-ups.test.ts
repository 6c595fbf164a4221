import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overdueFollowUpCount, slaRulesCopy } from '../../src/main/core/follow-ups/handlers';
import { writeRecord } from '../../src/main/core/sync/cache-write';
import type { DashboardFigures } from '../../src/shared/domain/dashboard-figures';
import { fixtureDb } from '../main/core/helpers';
import { as, hlc, seedCompany, startTestServer, type TestCompany, type TestServer } from './helpers/server';

/**
 * "Follow-ups overdue" on the dashboard is one rule (shared/domain/sla.ts followUpOverdue):
 * open, and past the earlier of its due time and its SLA. The server counts it for
 * GET /analytics/dashboard; the desktop counts it in its own store, filled here by a real
 * download (pull, then the sync's own writeRecord). Same data, same count, worked out by hand.
 */

const NOW = Date.parse('2026-03-10T15:00:00.000Z');
const ago = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();

let server: TestServer;
let acme: TestCompany;

async function serverCount(user: { token: string }): Promise<number> {
  const response = await as(server, user).get('/analytics/dashboard?period=today&tz=UTC');
  expect(response.statusCode).toBe(200);
  return response.json<DashboardFigures>().followUpsOverdue;
}

/** A fresh desktop store holding what `user` downloads, with the company's SLA rules as the desktop keeps them. */
async function desktopCount(user: { token: string; id: string }): Promise<number> {
  const local = fixtureDb();
  const page = await as(server, user).pull(`desktop-${user.id}`, null, 1000);
  for (const call of page.changes.calls) writeRecord(local.tx, 'calls', call);
  for (const task of page.changes.tasks) writeRecord(local.tx, 'tasks', task);
  const rules = slaRulesCopy.parse((await as(server, user).get('/sla-rules')).json());
  slaRulesCopy.store(local.tx, rules!);
  return overdueFollowUpCount(local.db, user.id, new Date(NOW));
}

beforeAll(async () => {
  server = await startTestServer();
  server.clock.now = new Date(NOW);
  acme = await seedCompany(server, 'acme');
  let id = 0;
  const mutation = (name: string, args: Record<string, unknown>) => ({
    id: ++id,
    name,
    args: { at: ago(240), ...args },
    hlc: hlc(NOW - 240 * 60_000 + id, 'desk'),
  });
  const call = (callId: string, args: Record<string, unknown>) =>
    mutation('call.create', { id: callId, subject: `Call ${callId}`, direction: 'Inbound', ...args });
  const task = (taskId: string, args: Record<string, unknown>) =>
    mutation('task.create', { id: taskId, subject: `Follow up ${taskId}`, callId: null, ...args });
  const held = { status: 'Held', actualStart: ago(200), actualEnd: ago(195), at: ago(190) };
  const agentWork = [
    call('CB', { ...held, dispositionCode: 'callback_requested' }),
    call('MISS-OLD', { status: 'NotHeld', reason: 'No answer', at: ago(120) }),
    call('MISS-NEW', { status: 'NotHeld', reason: 'No answer', at: ago(30) }),
    call('RES', { ...held, dispositionCode: 'resolved' }),
    // Overdue: due an hour ago.
    task('T1', { dueAt: ago(60) }),
    // Overdue by its SLA (a callback within 2 hours, asked 3 hours ago) though due tomorrow.
    task('T2', { dueAt: ago(-24 * 60), callId: 'CB', at: ago(180) }),
    // Overdue by its SLA: a missed call (1 hour), followed up 2 hours ago, no due time.
    task('T3', { callId: 'MISS-OLD', at: ago(120) }),
    // Not yet: a missed call 30 minutes ago.
    task('T4', { callId: 'MISS-NEW', at: ago(30) }),
    // Done, so not overdue though due an hour ago.
    task('T5', { dueAt: ago(60) }),
    mutation('task.setStatus', { id: 'T5', to: 'Done' }),
    // Never overdue: neither a due time nor a rule.
    task('T6', {}),
    task('T7', { dueAt: ago(-60), callId: 'RES' }),
  ];
  const pushed = await as(server, acme.agent).push('agent-desk', agentWork);
  expect(pushed.body.outcomes.filter((o) => o.status !== 'applied')).toEqual([]);
  expect(pushed.body.outcomes).toHaveLength(agentWork.length);
  id = 0;
  const supervisorWork = [
    // Assigned to the agent: theirs to count. Another, the supervisor's own.
    task('S1', { dueAt: ago(10), ownerId: acme.agent.id }),
    task('S2', { dueAt: ago(10) }),
    task('S3', { dueAt: ago(10), ownerId: acme.agent2.id }),
    mutation('task.setStatus', { id: 'S3', to: 'Cancelled' }),
  ];
  const fromSupervisor = await as(server, acme.supervisor).push('sup-desk', supervisorWork);
  expect(fromSupervisor.body.outcomes.map((o) => o.status)).toEqual(supervisorWork.map(() => 'applied'));
});

afterAll(async () => {
  await server.close();
});

describe('follow-ups overdue: one rule, the same count on the desktop and the server', () => {
  it('counts the open follow-ups past their due time or SLA, the owner’s own', async () => {
    // T1 (due), T2 and T3 (SLA), S1 (assigned by the supervisor).
    expect(await serverCount(acme.agent)).toBe(4);
    expect(await desktopCount(acme.agent)).toBe(4);
    // The supervisor's desktop holds the whole company's tasks; its own count is S2 alone.
    expect(await serverCount(acme.supervisor)).toBe(1);
    expect(await desktopCount(acme.supervisor)).toBe(1);
    expect(await serverCount(acme.agent2)).toBe(0);
    expect(await desktopCount(acme.agent2)).toBe(0);
  });

  it("follows the company's SLA rules on both sides", async () => {
    const changed = await as(server, acme.admin).request({
      method: 'PUT',
      url: '/admin/sla-rules',
      payload: { rules: { callback_requested: 600, missed: 20 } },
    });
    expect(changed.statusCode).toBe(200);
    // A callback within 10 hours: T2 is on time now; a missed call within 20 minutes: T4 is late too.
    expect(await serverCount(acme.agent)).toBe(4);
    expect(await desktopCount(acme.agent)).toBe(4);
    await as(server, acme.admin).request({
      method: 'PUT',
      url: '/admin/sla-rules',
      payload: { rules: { callback_requested: 600 } },
    });
    // No rule for missed calls: T3 and T4 wait for a due time they do not have.
    expect(await serverCount(acme.agent)).toBe(2);
    expect(await desktopCount(acme.agent)).toBe(2);
  });
});

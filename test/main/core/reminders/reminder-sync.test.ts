import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DueReminder } from '../../../../src/shared/api/reminders';
import type { CallRecord } from '../../../../src/shared/domain/call';
import type { Reminder } from '../../../../src/shared/domain/work';
import { manualClock } from '../../../../src/main/core/clock';
import {
  seedCompany,
  startTestServerForDesktops,
  type TestCompany,
  type TestServer,
} from '../../../server/helpers/server';
import { injectTransport, openDesktop, signIn } from '../sync/harness';

let server: TestServer;
let company: TestCompany;
beforeAll(async () => {
  server = await startTestServerForDesktops();
  company = await seedCompany(server, 'remind');
});
afterAll(async () => server.close());

describe('a teammate’s reminder reaches their own desktop through sync', () => {
  it('planned with a teammate: it rings on the teammate’s desktop; removed, it stops; rescheduled, it follows', async () => {
    const soon = new Date(Date.now() + 60_000);
    const agentClock = manualClock(soon);
    const mateClock = manualClock(soon);
    const agent = openDesktop(injectTransport(server), { clock: agentClock });
    const mate = openDesktop(injectTransport(server), { clock: mateClock });
    const rang: DueReminder[] = [];
    mate.core.events.subscribe((name, payload) => {
      if (name === 'reminder.due') rang.push(...(payload as { items: DueReminder[] }).items);
    });
    await signIn(agent, 'remind', company.agent.email);
    await signIn(mate, 'remind', company.agent2.email);

    const planned = new Date(soon.getTime() + 2 * 3_600_000);
    const local = planned.toISOString().slice(0, 16);
    const created = await agent.invoke<CallRecord>('calls.create', {
      direction: 'Outbound',
      subject: 'Joint renewal call',
      plannedStart: { local, zone: 'UTC' },
      participants: [{ kind: 'user', id: company.agent2.id, role: 'attendee', name: 'agent2 remind' }],
      reminders: [30],
    });
    expect((await agent.sync()).pending).toBe(0);
    await mate.sync();
    const theirs = await mate.invoke<{ items: Reminder[] }>('reminders.ofCall', { callId: created.id });
    expect(theirs.items.map((r) => [r.recipientId, r.offsetMinutes])).toEqual([[company.agent2.id, 30]]);

    // Rescheduled by the owner: the server moves the teammate's reminder too.
    const later = new Date(planned.getTime() + 3_600_000).toISOString().slice(0, 16);
    await agent.invoke('calls.update', { id: created.id, plannedStart: { local: later, zone: 'UTC' } });
    await agent.sync();
    await mate.sync();
    const moved = await mate.invoke<{ items: Reminder[] }>('reminders.ofCall', { callId: created.id });
    expect(moved.items[0]!.remindAt).toBe(new Date(Date.parse(`${later}:00Z`) - 30 * 60_000).toISOString());

    mateClock.advance(2.5 * 3_600_000);
    expect(rang.map((r) => r.callId)).toEqual([created.id]);

    // The teammate leaves the call: their reminder goes on the next sync.
    await agent.invoke('calls.update', { id: created.id, participants: [] });
    await agent.sync();
    await mate.sync();
    expect((await mate.invoke<{ items: Reminder[] }>('reminders.ofCall', { callId: created.id })).items).toEqual([]);
    agent.close();
    mate.close();
  });
});

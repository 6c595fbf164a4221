import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FollowUpItem } from '../../../../src/shared/api/follow-ups';
import type { CallRecord } from '../../../../src/shared/domain/call';
import { manualClock } from '../../../../src/main/core/clock';
import { SERVER_COPIES_REFRESH_MS } from '../../../../src/main/core/sync/server-copies';
import {
  as,
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
  company = await seedCompany(server, 'slasync');
});
afterAll(async () => server.close());

describe('the SLA rules an admin sets on the server reach the desktops', () => {
  it('a follow-up’s deadline follows the company’s rule for its call’s disposition, after the next read', async () => {
    const start = new Date(Date.now() + 60_000);
    const clock = manualClock(start);
    const desktop = openDesktop(injectTransport(server), { clock });
    await signIn(desktop, 'slasync', company.agent.email);
    const held = await desktop.invoke<CallRecord>('calls.create', {
      direction: 'Inbound',
      subject: 'Outage at the depot',
      status: 'Held',
      actualStart: new Date(start.getTime() - 10 * 60_000).toISOString(),
      actualEnd: new Date(start.getTime() - 5 * 60_000).toISOString(),
      outcome: { dispositionCode: 'callback_requested', text: 'Wants a call back when the site is up' },
    });
    await desktop.invoke('followUps.create', { subject: 'Call the depot back', preset: 'tomorrow9', callId: held.id });
    const deadline = async () => {
      const list = await desktop.invoke<{ items: FollowUpItem[] }>('followUps.list', {});
      return list.items.map((i) => [i.slaRule, i.slaMinutes, i.deadline]);
    };
    const createdAt = start.getTime();
    const at = (minutes: number) => new Date(createdAt + minutes * 60_000).toISOString();
    // The defaults until the server says otherwise: a requested callback within 2 hours.
    await desktop.sync();
    await vi.waitFor(async () => expect(await deadline()).toEqual([['callback_requested', 120, at(120)]]));

    const saved = await as(server, company.admin).request({
      method: 'PUT',
      url: '/admin/sla-rules',
      payload: { rules: { emergency: 5, callback_requested: 5, missed: 30 } },
    });
    expect(saved.statusCode).toBe(200);
    // Read again after a sync round once the refresh interval has passed.
    clock.advance(SERVER_COPIES_REFRESH_MS);
    await desktop.sync();
    await vi.waitFor(async () => expect(await deadline()).toEqual([['callback_requested', 5, at(5)]]));
    // Ten minutes in, the five-minute promise is broken: counted overdue in the top bar.
    const list = await desktop.invoke<{ overdue: number }>('followUps.list', {});
    expect(list.overdue).toBe(1);
    desktop.close();
  });
});

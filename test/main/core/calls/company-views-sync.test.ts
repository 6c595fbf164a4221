import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CallView } from '../../../../src/shared/api/call-table';
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
  company = await seedCompany(server, 'viewsync');
});
afterAll(async () => server.close());

const layout = {
  filter: { needsDisposition: true },
  sort: { column: 'when', direction: 'desc' },
  columns: ['when', 'subject'],
  density: 'comfortable',
} as const;

describe('company views a supervisor shares reach the desktops after sync', () => {
  it('an agent’s desktop lists the company’s view after its own, read-only, and follows a removal', async () => {
    const clock = manualClock(new Date(Date.now() + 60_000));
    const desktop = openDesktop(injectTransport(server), { clock });
    await signIn(desktop, 'viewsync', company.agent.email);
    await desktop.invoke('callViews.save', { name: 'My callbacks', layout, pinned: false });
    const shared = await as(server, company.supervisor).request({
      method: 'PUT',
      url: '/call-views/team-queue',
      payload: { name: 'Team queue', layout, pinned: true },
    });
    expect(shared.statusCode).toBe(200);

    const names = async () =>
      (await desktop.invoke<{ items: CallView[] }>('callViews.list', {})).items.map((v) => `${v.name} (${v.scope})`);
    await desktop.sync();
    await vi.waitFor(async () => expect(await names()).toEqual(['My callbacks (personal)', 'Team queue (company)']));
    // The desktop cannot delete a company view: it is not among the agent's own.
    await desktop.invoke('callViews.remove', { id: 'team-queue' });
    expect(await names()).toEqual(['My callbacks (personal)', 'Team queue (company)']);

    await as(server, company.supervisor).request({ method: 'DELETE', url: '/call-views/team-queue' });
    clock.advance(SERVER_COPIES_REFRESH_MS);
    await desktop.sync();
    await vi.waitFor(async () => expect(await names()).toEqual(['My callbacks (personal)']));
    desktop.close();
  });
});

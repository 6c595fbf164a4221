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
import { injectTransport, openDesktop, signIn, switchable } from '../sync/harness';

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
    // The sign-in's own round may have read the company's views before the supervisor
    // shared one (it did under load): the copies are due again after their interval.
    clock.advance(SERVER_COPIES_REFRESH_MS);
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

  it('a supervisor publishes, renames, updates and deletes a company view from the desktop; offline nothing changes; an agent may not', async () => {
    const clock = manualClock(new Date(Date.now() + 60_000));
    const net = switchable(injectTransport(server));
    const supervisor = openDesktop(net.transport, { clock });
    await signIn(supervisor, 'viewsync', company.supervisor.email);
    const agent = openDesktop(injectTransport(server), { clock });
    await signIn(agent, 'viewsync', company.agent.email);
    const companyOnes = async (desktop: typeof agent) =>
      (await desktop.invoke<{ items: CallView[] }>('callViews.list', {})).items.filter((v) => v.scope === 'company');
    const onServer = async () =>
      (await as(server, company.agent).request({ method: 'GET', url: '/call-views' })).json<{ items: CallView[] }>()
        .items;

    const published = await supervisor.invoke<CallView>('companyViews.publish', {
      name: 'Callbacks today',
      layout,
      pinned: true,
    });
    expect(published).toMatchObject({ name: 'Callbacks today', scope: 'company', pinned: true });
    // The desktop's copy follows at once, without waiting for a sync round.
    expect((await companyOnes(supervisor)).map((v) => v.name)).toEqual(['Callbacks today']);
    expect((await onServer()).map((v) => v.name)).toEqual(['Callbacks today']);

    // Renamed, then updated with other filters and columns: the same view, changed.
    await supervisor.invoke('companyViews.publish', { id: published.id, name: 'Team callbacks', layout, pinned: true });
    const wider = { ...layout, filter: { direction: 'Inbound' }, columns: ['when', 'who', 'status'] } as const;
    await supervisor.invoke('companyViews.publish', {
      id: published.id,
      name: 'Team callbacks',
      layout: wider,
      pinned: false,
    });
    expect(await onServer()).toEqual([
      { id: published.id, name: 'Team callbacks', layout: wider, pinned: false, scope: 'company' },
    ]);

    // The agent reads it at the first sync round after its copies are due again (its
    // sign-in may already have read them, before the view existed), and may not change it.
    clock.advance(SERVER_COPIES_REFRESH_MS);
    await agent.sync();
    await vi.waitFor(async () => expect((await companyOnes(agent)).map((v) => v.name)).toEqual(['Team callbacks']));
    const refused = await agent.core.dispatch('companyViews.publish', {
      id: published.id,
      name: 'Mine now',
      layout,
      pinned: true,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await agent.core.dispatch('companyViews.remove', { id: published.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    // Offline: refused in words, and neither the server nor the desktop's copy changes.
    net.cable.online = false;
    const offline = await supervisor.core.dispatch('companyViews.publish', {
      id: published.id,
      name: 'Renamed offline',
      layout,
      pinned: true,
    });
    expect(offline).toMatchObject({ ok: false, error: { code: 'offline' } });
    expect(JSON.stringify(offline)).toContain('Nothing was changed');
    expect(await supervisor.core.dispatch('companyViews.remove', { id: published.id })).toMatchObject({
      ok: false,
      error: { code: 'offline' },
    });
    expect((await companyOnes(supervisor)).map((v) => v.name)).toEqual(['Team callbacks']);
    net.cable.online = true;

    // A bad name is refused in words before anything is sent.
    const unnamed = await supervisor.core.dispatch('companyViews.publish', { name: '  ', layout, pinned: true });
    expect(JSON.stringify(unnamed)).toContain('Give the view a name.');

    const after = await supervisor.invoke<{ items: CallView[] }>('companyViews.remove', { id: published.id });
    expect(after.items).toEqual([]);
    expect(await companyOnes(supervisor)).toEqual([]);
    expect(await onServer()).toEqual([]);
    supervisor.close();
    agent.close();
  });
});

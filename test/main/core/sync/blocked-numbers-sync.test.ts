import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BlockedNumbersView } from '../../../../src/shared/api/blocked-numbers';
import { manualClock } from '../../../../src/main/core/clock';
import {
  as,
  seedCompany,
  startTestServerForDesktops,
  type TestCompany,
  type TestServer,
} from '../../../server/helpers/server';
import { injectTransport, openDesktop, signIn } from './harness';

let server: TestServer;
let company: TestCompany;
beforeAll(async () => {
  server = await startTestServerForDesktops();
  company = await seedCompany(server, 'blocksync');
});
afterAll(async () => server.close());

describe('the company’s blocked numbers on the desktops', () => {
  it('a supervisor blocks from the desktop; the agent’s desktop gets the list within a minute and may not change it', async () => {
    const clock = manualClock(new Date(Date.now() + 60_000));
    const supervisor = openDesktop(injectTransport(server), { clock });
    await signIn(supervisor, 'blocksync', company.supervisor.email);
    const agent = openDesktop(injectTransport(server), { clock });
    await signIn(agent, 'blocksync', company.agent.email);
    await agent.sync();
    await vi.waitFor(async () =>
      expect(await agent.invoke<BlockedNumbersView>('blockedNumbers.list', {})).toMatchObject({
        items: [],
        canManage: false,
        signedIn: true,
      }),
    );

    const view = await supervisor.invoke<BlockedNumbersView>('blockedNumbers.add', {
      number: '+1 (415) 555-0666',
      reason: 'Spam',
    });
    expect(view).toMatchObject({
      canManage: true,
      items: [{ e164: '+14155550666', reason: 'Spam', addedBy: company.supervisor.displayName }],
    });

    // The agent may not change it, from the desktop or the server.
    const refused = await agent.core.dispatch('blockedNumbers.add', { number: '+14155550777' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const direct = await as(server, company.agent).post('/admin/blocked-numbers', { number: '+14155550777' });
    expect(direct.statusCode).toBe(403);

    // Read again after a sync round once a minute has passed.
    clock.advance(60_000);
    await agent.sync();
    await vi.waitFor(async () =>
      expect((await agent.invoke<BlockedNumbersView>('blockedNumbers.list', {})).items.map((i) => i.e164)).toEqual([
        '+14155550666',
      ]),
    );

    const after = await supervisor.invoke<BlockedNumbersView>('blockedNumbers.remove', { e164: '+14155550666' });
    expect(after.items).toEqual([]);
    supervisor.close();
    agent.close();
  });
});

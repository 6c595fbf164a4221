import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CallRecord } from '../../../../src/shared/domain/call';
import {
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
  company = await seedCompany(server, 'reviewsync');
});
afterAll(async () => server.close());

describe('call review between desktops', () => {
  it('a supervisor reviews the agent’s call offline-first; the agent’s desktop pulls the review; agents may not review', async () => {
    const agent = openDesktop(injectTransport(server));
    await signIn(agent, 'reviewsync', company.agent.email);
    const supervisor = openDesktop(injectTransport(server));
    await signIn(supervisor, 'reviewsync', company.supervisor.email);
    const now = Date.now();
    const call = await agent.invoke<CallRecord>('calls.create', {
      direction: 'Outbound',
      subject: 'Renewal call',
      status: 'Held',
      actualStart: new Date(now - 10 * 60_000).toISOString(),
      actualEnd: new Date(now - 5 * 60_000).toISOString(),
    });
    await agent.sync();
    await supervisor.sync();

    expect(await agent.invoke<{ canReview: boolean }>('calls.canReview', {})).toEqual({ canReview: false });
    const refused = await agent.core.dispatch('calls.review', { id: call.id, review: { score: 5, comment: 'me' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const reviewed = await supervisor.invoke<CallRecord>('calls.review', {
      id: call.id,
      review: { score: 3, comment: 'Ask about the second site.' },
    });
    // At once on the supervisor's desktop, before any sync.
    expect(reviewed.review).toMatchObject({ score: 3, comment: 'Ask about the second site.' });
    await supervisor.sync();
    await agent.sync();
    await vi.waitFor(async () =>
      expect((await agent.invoke<CallRecord>('calls.get', { id: call.id })).review).toEqual({
        score: 3,
        comment: 'Ask about the second site.',
        by: company.supervisor.id,
        byName: company.supervisor.displayName,
        at: reviewed.review!.at,
      }),
    );
    agent.close();
    supervisor.close();
  });
});

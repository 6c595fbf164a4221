import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../../src/shared/domain/call';
import {
  as,
  AT,
  clientIds,
  envelopes,
  newCallArgs,
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
  company = await seedCompany(server, 'acme');
});
afterAll(async () => server.close());

describe('a call that leaves an agent’s view', () => {
  it('is dropped from that agent’s desktop on the next sync', async () => {
    const desktop = openDesktop(injectTransport(server));
    try {
      await signIn(desktop, 'acme', company.agent2.email);
      // Agent 1 logs a call with agent 2 on it: agent 2's desktop gets a copy.
      const owner = as(server, company.agent);
      const ownerClient = clientIds('owner')();
      const m = envelopes(Date.parse(AT), 'owner');
      const callId = 'shared-call';
      const withOther = [{ kind: 'user', id: company.agent2.id, role: 'attendee', name: 'Two' }];
      await owner.push(ownerClient, [m(1, 'call.create', newCallArgs(callId, { participants: withOther }))]);
      await desktop.sync();
      expect((await desktop.invoke<CallRecord>('calls.get', { id: callId })).id).toBe(callId);

      // Agent 1 takes agent 2 off the call: the stale copy must not stay on agent 2's desktop.
      await owner.push(ownerClient, [m(2, 'call.update', { id: callId, set: { participants: [] }, at: AT })]);
      await desktop.sync();
      const reply = await desktop.core.dispatch('calls.get', { id: callId });
      expect(reply.ok).toBe(false);
    } finally {
      desktop.close();
    }
  });
});

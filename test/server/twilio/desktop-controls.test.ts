import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTeam, sessionCallControls } from '../../../src/main/core/telephony/call-controls';
import type { TransportReply } from '../../../src/main/core/sync/transport';
import { seedCompany, startTestServer, type TestCompany, type TestServer } from '../helpers/server';
import { answeredInbound, joined, participant, requestsSince, setAvailable } from './control-helpers';
import { startFakeTwilioRest, type FakeTwilioRest } from './fake-twilio-rest';
import { connectInput, connectTwilio } from './fixtures';
import { PUBLIC_URL } from './webhook-client';

/**
 * The desktop's side of the contract, against the real server: the Twilio line's call
 * controls (telephony/call-controls.ts) send what the server parses and read what it
 * answers, through a session that is the agent's signed-in one.
 */

let server: TestServer;
let rest: FakeTwilioRest;
let acme: TestCompany;
const A = connectInput('a');

function sessionOf(user: { token: string }) {
  return {
    async send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<TransportReply> {
      const response = await server.app.inject({
        method,
        url: path,
        headers: { authorization: `Bearer ${user.token}` },
        ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
      });
      return { status: response.statusCode, body: response.body ? response.json() : null } as TransportReply;
    },
  };
}

beforeAll(async () => {
  rest = await startFakeTwilioRest();
  server = await startTestServer({ twilio: { publicUrl: PUBLIC_URL, restBaseUrl: rest.baseUrl } });
  acme = await seedCompany(server, 'acme');
  await connectTwilio(server, acme.admin, 'a');
  await setAvailable(server, acme.id, acme.agent.id);
  await setAvailable(server, acme.id, acme.agent2.id);
}, 180_000);
afterAll(async () => {
  await server.close();
  await rest.close();
});

describe('the Twilio line’s call controls against the CRM server', () => {
  it('hold, a warm transfer and its completion, as the desktop sends them', async () => {
    const call = await answeredInbound(server, A, acme.agent.id);
    const control = sessionCallControls(sessionOf(acme.agent));
    expect(await control(call.customer, { action: 'hold', hold: true })).toEqual({
      callSid: call.customer,
      onHold: true,
      transfer: null,
    });
    await joined(server, A, call.callId, call.customer);
    await joined(server, A, call.callId, call.client);
    const target = { type: 'agent' as const, userId: acme.agent2.id };
    const warm = await control(call.customer, { action: 'transfer', request: { mode: 'warm', target } });
    expect(warm.transfer).toEqual({ mode: 'warm', target, state: 'consulting' });
    const mark = rest.requests.length;
    const done = await control(call.customer, { action: 'complete' });
    expect(done).toEqual({
      callSid: call.customer,
      onHold: false,
      transfer: { mode: 'warm', target, state: 'completed' },
    });
    expect(requestsSince(rest, mark).at(-1)).toEqual({
      method: 'POST',
      path: participant(A.accountSid, call.customer),
      form: { Hold: 'false' },
    });
  });

  it('a refusal arrives in the server’s words; the team comes with availability', async () => {
    const call = await answeredInbound(server, A, acme.agent.id);
    await expect(
      sessionCallControls(sessionOf(acme.agent2))(call.customer, { action: 'hold', hold: true }),
    ).rejects.toThrow('Only the agent on the call can hold or transfer it.');
    const team = await fetchTeam(sessionOf(acme.agent));
    expect(team).toContainEqual({ userId: acme.agent2.id, name: 'agent2 acme', availability: 'Available' });
  });
});

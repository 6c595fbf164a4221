import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { voiceIdentityForUser } from '../../../src/shared/voice/protocol';
import { as, hlc, seedCompany, startTestServer, type TestCompany, type TestServer } from '../helpers/server';
import { connectInput, connectTwilio } from './fixtures';
import { callSid, PUBLIC_URL, twilioPost } from './webhook-client';

let server: TestServer;
let acme: TestCompany;
const A = connectInput('a');
const T0 = Date.parse('2026-03-10T12:00:00.000Z');

beforeAll(async () => {
  server = await startTestServer({ twilio: { publicUrl: PUBLIC_URL, presenceTimeoutSeconds: 120 } });
  acme = await seedCompany(server, 'acme');
  await connectTwilio(server, acme.admin, 'a');
});
afterAll(() => server.close());

async function rung(): Promise<string[]> {
  const response = await twilioPost(
    server,
    '/twilio/voice/incoming',
    { AccountSid: A.accountSid, CallSid: callSid(), From: '+12125550101', To: '+14155550100' },
    { authToken: A.authToken },
  );
  return [...response.body.matchAll(/<Identity>([^<]+)<\/Identity>/g)].map((match) => match[1]!);
}

let mutationId = 0;
async function report(user: { token: string }, clientId: string, availability: string, wallMs: number) {
  mutationId += 1;
  const { body } = await as(server, user).push(clientId, [
    {
      id: mutationId,
      name: 'presence.set',
      args: { availability, at: new Date(wallMs).toISOString() },
      hlc: hlc(wallMs, clientId),
    },
  ]);
  expect(body.outcomes[0]?.status).toBe('applied');
}

describe('presence reaches routing through sync', () => {
  it('rings an agent once their desktop reports Available, and stops when they go Away', async () => {
    expect(await rung()).toEqual([]);
    await report(acme.agent, 'agent-desktop', 'Available', T0);
    expect(await rung()).toEqual([voiceIdentityForUser(acme.agent.id)]);
    await report(acme.agent, 'agent-desktop', 'Away', T0 + 1000);
    expect(await rung()).toEqual([]);
  });

  it('a late report with an older clock does not undo a newer one', async () => {
    mutationId = 0;
    await report(acme.agent2, 'agent2-desk-a', 'Available', T0 + 5000);
    mutationId = 0;
    await report(acme.agent2, 'agent2-desk-b', 'Offline', T0 + 1000);
    expect(await rung()).toContain(voiceIdentityForUser(acme.agent2.id));
  });

  it('does not ring a desktop that has not been heard from for longer than the timeout, and rings it again after a pull', async () => {
    const identity = voiceIdentityForUser(acme.agent2.id);
    expect(await rung()).toContain(identity);
    server.clock.now = new Date(server.clock.now.getTime() + 121_000);
    expect(await rung()).not.toContain(identity);
    await as(server, acme.agent2).pull('agent2-desk-a', null);
    expect(await rung()).toContain(identity);
  });

  it('rings no one in another company', async () => {
    const other = await seedCompany(server, 'other');
    mutationId = 0;
    await report(other.agent, 'other-agent-desk', 'Available', T0);
    expect(await rung()).not.toContain(voiceIdentityForUser(other.agent.id));
  });
});

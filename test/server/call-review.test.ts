import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/shared/domain/call';
import { as, AT, clientIds, envelopes, newCallArgs, seedCompany, startTestServer } from './helpers/server';
import type { TestCompany, TestServer } from './helpers/server';
import { connectInput, connectTwilio } from './twilio/fixtures';
import { callSid, PUBLIC_URL, twilioPost } from './twilio/webhook-client';

let server: TestServer;
let acme: TestCompany;
let globex: TestCompany;
const A = connectInput('a');
const newClient = clientIds('review');
const m = envelopes(Date.parse(AT), 'n1');

beforeAll(async () => {
  server = await startTestServer({ twilio: { publicUrl: PUBLIC_URL } });
  acme = await seedCompany(server, 'acme');
  globex = await seedCompany(server, 'globex');
  await connectTwilio(server, acme.admin, 'a');
});
afterAll(() => server.close());

/** The agent's call as their next pull carries it. */
async function agentsCopy(id: string): Promise<CallRecord | undefined> {
  const page = await as(server, acme.agent).pull(newClient(), null);
  return page.changes.calls.find((c) => c.id === id);
}

describe('a supervisor reviews an agent’s call; the agent pulls the review with the call', () => {
  it('stores score, comment, reviewer and time; an agent may not review; another company cannot', async () => {
    await as(server, acme.agent).push(newClient(), [m(1, 'call.create', newCallArgs('rev-1'))]);
    const review = { score: 4, comment: 'Good greeting; confirm the address next time.' };
    const agentTry = await as(server, acme.agent).push(newClient(), [
      m(1, 'call.review', { id: 'rev-1', review, at: AT }),
    ]);
    expect(agentTry.body.outcomes[0]).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    const foreign = await as(server, globex.supervisor).push(newClient(), [
      m(1, 'call.review', { id: 'rev-1', review, at: AT }),
    ]);
    expect(foreign.body.outcomes[0]).toMatchObject({ status: 'rejected', error: { code: 'not_found' } });
    expect((await agentsCopy('rev-1'))?.review ?? null).toBeNull();

    const done = await as(server, acme.supervisor).push(newClient(), [
      m(1, 'call.review', { id: 'rev-1', review, at: AT }, Date.parse(AT) + 50),
    ]);
    expect(done.body.outcomes[0]).toMatchObject({ status: 'applied' });
    expect((await agentsCopy('rev-1'))?.review).toEqual({
      ...review,
      by: acme.supervisor.id,
      byName: acme.supervisor.displayName,
      at: AT,
    });
  });

  it('refuses a score outside 1–5 in words', async () => {
    const { body } = await as(server, acme.supervisor).push(newClient(), [
      m(1, 'call.review', { id: 'rev-1', review: { score: 6, comment: '' }, at: AT }),
    ]);
    expect(body.outcomes[0]).toMatchObject({ status: 'rejected' });
    expect(JSON.stringify(body.outcomes[0])).toContain('A score is 1 to 5.');
  });
});

describe('Twilio’s transcription callback', () => {
  it('stores the text on the call, signature-checked; the agent pulls it', async () => {
    await as(server, acme.agent).push(newClient(), [m(1, 'call.create', newCallArgs('tr-1'))]);
    const form = {
      AccountSid: A.accountSid,
      CallSid: callSid('tr'),
      TranscriptionStatus: 'completed',
      TranscriptionText: 'Hello, I would like to move my appointment to Friday.',
    };
    const unsigned = await twilioPost(server, '/twilio/voice/transcription?callId=tr-1', form, { signature: null });
    expect(unsigned.statusCode).toBe(403);
    const signed = await twilioPost(server, '/twilio/voice/transcription?callId=tr-1', form, {
      authToken: A.authToken,
    });
    expect(signed.statusCode).toBe(204);
    expect((await agentsCopy('tr-1'))?.transcript).toMatchObject({
      text: 'Hello, I would like to move my appointment to Friday.',
      provider: 'twilio',
    });
  });

  it('a failed transcription stores nothing', async () => {
    await as(server, acme.agent).push(newClient(), [m(1, 'call.create', newCallArgs('tr-2'))]);
    const reply = await twilioPost(
      server,
      '/twilio/voice/transcription?callId=tr-2',
      { AccountSid: A.accountSid, CallSid: callSid('tr'), TranscriptionStatus: 'failed', TranscriptionText: '' },
      { authToken: A.authToken },
    );
    expect(reply.statusCode).toBe(204);
    expect((await agentsCopy('tr-2'))?.transcript ?? null).toBeNull();
  });
});

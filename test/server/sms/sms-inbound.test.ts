import { describe, expect, it } from 'vitest';
import { as } from '../helpers/server';
import { twilioPost } from '../twilio/webhook-client';
import {
  A,
  B,
  messageId,
  messageRequests,
  PETER,
  pulledMessage,
  pulledMessages,
  pushSend,
  sms,
  textIn,
  inboundSid,
  useSmsServer,
} from './sms-setup';

useSmsServer();

const STOPS = ['STOP', 'stop', '  Stop  ', 'STOPALL', 'unsubscribe', 'Cancel', 'end', 'QuIt', '\tSTOP\n'];
const STARTS = ['START', ' start ', 'Unstop', 'UNSTOP'];

/** Sends a text to the number and says whether Twilio was asked to deliver it. */
async function reachesTwilio(to: string): Promise<{ sent: boolean; id: string }> {
  const before = sms.rest.requests.length;
  const id = messageId();
  await pushSend(sms.acme.agent, { id, to, body: 'Are you there?' });
  return { sent: messageRequests(before).length === 1, id };
}

describe('a customer’s text', () => {
  it('lands in the thread of their number, linked to the contact, for every user of the company', async () => {
    const sid = inboundSid();
    const response = await textIn(PETER, 'Running late, 10 minutes', { sid });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/xml/);
    expect(response.body).not.toContain('<Message>');
    // Twilio retries the webhook: still one message.
    await textIn(PETER, 'Running late, 10 minutes', { sid });
    const inbound = (await pulledMessages(sms.acme.agent2)).filter((m) => m.id === `sms-${sid}`);
    expect(inbound).toHaveLength(1);
    expect(inbound[0]).toMatchObject({
      direction: 'inbound',
      status: 'received',
      customerNumber: PETER,
      body: 'Running late, 10 minutes',
      related: { type: 'contact', id: 'ct-peter' },
      authorId: null,
    });
  });

  it('is refused unsigned, and signed with another account’s token', async () => {
    const params = { AccountSid: A.accountSid, MessageSid: inboundSid(), From: PETER, To: '+14155550100', Body: 'hi' };
    expect((await twilioPost(sms.server, '/twilio/sms/incoming', params, { signature: null })).statusCode).toBe(403);
    expect((await twilioPost(sms.server, '/twilio/sms/incoming', params, { authToken: B.authToken })).statusCode).toBe(
      403,
    );
  });
});

describe('opt-out and opt-in keywords', () => {
  it.each(STOPS)('%j opts the number out company-wide at once; START opts it back in', async (word) => {
    const number = `+1212555${String(1000 + STOPS.indexOf(word)).slice(-4)}`;
    expect((await reachesTwilio(number)).sent).toBe(true);
    const reply = await textIn(number, word);
    expect(reply.body).toContain('unsubscribed');
    // Any agent of the company is refused now, with the reason on the message.
    const refused = await reachesTwilio(number);
    expect(refused.sent).toBe(false);
    expect(await pulledMessage(sms.acme.agent2, refused.id)).toMatchObject({
      status: 'failed',
      errorCode: 'opted_out',
      errorReason: `Not sent: the customer replied ${word.trim().toUpperCase()} and opted out of texts.`,
    });
    const start = STARTS[STOPS.indexOf(word) % STARTS.length]!;
    expect((await textIn(number, start)).body).toContain('subscribed again');
    expect((await reachesTwilio(number)).sent).toBe(true);
  });

  it('a sentence that contains stop is a message, not an opt-out', async () => {
    const number = '+12125552001';
    await textIn(number, 'Please stop by after 3');
    await textIn(number, 'STOP please');
    expect((await reachesTwilio(number)).sent).toBe(true);
  });

  it('HELP is answered with the company’s help text, and an admin can change it', async () => {
    const answer = await textIn('+12125552002', ' help ');
    expect(answer.body).toContain('<Message>You are texting acme. Reply STOP to stop receiving texts');
    await as(sms.server, sms.acme.admin).request({
      method: 'PUT',
      url: '/admin/sms/settings',
      payload: { helpText: 'Acme Plumbing: call 212 555 0100, 8–6. Reply STOP to opt out.' },
    });
    expect((await textIn('+12125552002', 'HELP')).body).toContain(
      '<Message>Acme Plumbing: call 212 555 0100, 8–6. Reply STOP to opt out.</Message>',
    );
  });
});

describe('tenancy', () => {
  it('a signed inbound text for company B never appears for company A, and B’s opt-out does not bind A', async () => {
    const sid = inboundSid();
    const response = await textIn(PETER, 'Hello company B', { account: B, sid });
    expect(response.statusCode).toBe(200);
    expect(await pulledMessage(sms.globex.agent, `sms-${sid}`)).toMatchObject({
      body: 'Hello company B',
      related: null,
    });
    for (const user of [sms.acme.admin, sms.acme.supervisor, sms.acme.agent]) {
      expect((await pulledMessages(user)).some((m) => m.id === `sms-${sid}` || m.body === 'Hello company B')).toBe(
        false,
      );
    }
    await textIn(PETER, 'STOP', { account: B });
    expect((await reachesTwilio(PETER)).sent).toBe(true);
  });

  it('a text signed by A’s account but to B’s number is not filed under either company', async () => {
    const sid = inboundSid();
    await textIn(PETER, 'Wrong number', { to: B.numbers[0]!, sid });
    expect(await pulledMessage(sms.acme.admin, `sms-${sid}`)).toBeUndefined();
    expect(await pulledMessage(sms.globex.admin, `sms-${sid}`)).toBeUndefined();
  });
});

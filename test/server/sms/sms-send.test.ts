import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { smsMessages } from '../../../src/server/db/schema-sms';
import { as } from '../helpers/server';
import {
  A,
  DORA_DNC,
  messageId,
  messageRequests,
  PETER,
  pulledMessage,
  pushSend,
  sms,
  statusIn,
  useSmsServer,
} from './sms-setup';
import { PUBLIC_URL, twilioPost } from '../twilio/webhook-client';

useSmsServer();

describe('sending a text', () => {
  it('stores it, hands it to Twilio Messaging once with a status callback, and syncs it to the company', async () => {
    const before = sms.rest.requests.length;
    const id = messageId();
    const pushed = await pushSend(sms.acme.agent, { id, to: PETER, body: 'Hi Peter, we arrive 2–4 pm.' });
    expect(pushed.body.outcomes).toEqual([{ id: 1, status: 'applied' }]);
    const requests = messageRequests(before);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: `/2010-04-01/Accounts/${A.accountSid}/Messages.json`,
      username: A.apiKeySid,
      form: {
        To: PETER,
        From: A.numbers[0],
        Body: 'Hi Peter, we arrive 2–4 pm.',
        StatusCallback: `${PUBLIC_URL}/twilio/sms/status?messageId=${id}`,
      },
    });
    // Another agent of the company sees the message in Peter's thread.
    const seen = await pulledMessage(sms.acme.agent2, id);
    expect(seen).toMatchObject({
      direction: 'outbound',
      status: 'queued',
      customerNumber: PETER,
      companyNumber: A.numbers[0],
      authorId: sms.acme.agent.id,
      related: { type: 'contact', id: 'ct-peter', name: 'Peter Gibbons' },
    });
    expect(await pulledMessage(sms.globex.admin, id)).toBeUndefined();
  });

  it('never texts twice: a retried push, and the same message from a second sync client, make one request', async () => {
    const before = sms.rest.requests.length;
    const id = messageId();
    const client = 'sms-retry-client-1';
    await pushSend(sms.acme.agent, { id, to: PETER, body: 'Once only' }, client);
    const retried = await pushSend(sms.acme.agent, { id, to: PETER, body: 'Once only' }, client);
    expect(retried.body.outcomes).toEqual([{ id: 1, status: 'duplicate' }]);
    const replayed = await pushSend(sms.acme.agent, { id, to: PETER, body: 'Once only' });
    expect(replayed.body.outcomes).toEqual([{ id: 1, status: 'applied' }]);
    expect(messageRequests(before)).toHaveLength(1);
  });

  it('refuses a do-not-contact number without asking Twilio, and says why on the message', async () => {
    const before = sms.rest.requests.length;
    const id = messageId();
    await pushSend(sms.acme.agent, { id, to: DORA_DNC, body: 'Hello' });
    expect(messageRequests(before)).toHaveLength(0);
    expect(await pulledMessage(sms.acme.agent, id)).toMatchObject({
      status: 'failed',
      errorCode: 'do_not_contact',
      errorReason: 'Not sent: Dora Nocall is marked do-not-contact: asked not to be contacted.',
    });
  });

  it('shows the carrier’s refusal in words when Twilio will not take the message', async () => {
    sms.rest.messageErrors.set('+12125550199', 21614);
    const id = messageId();
    await pushSend(sms.acme.agent, { id, to: '+12125550199', body: 'Hello landline' });
    expect(await pulledMessage(sms.acme.agent, id)).toMatchObject({
      status: 'failed',
      errorCode: '21614',
      errorReason: 'The number is not a mobile number, so it cannot get texts.',
    });
  });
});

describe('status callbacks', () => {
  /** A message Twilio took, and the sid it gave it. */
  async function sentMessage() {
    const id = messageId();
    await pushSend(sms.acme.agent, { id, to: PETER, body: 'Status test' });
    const [row] = await sms.server.database.db.select().from(smsMessages).where(eq(smsMessages.id, id));
    if (!row?.messageSid) throw new Error('Twilio was not asked to send the message');
    return { id, sid: row.messageSid };
  }

  it('moves a message forward in order: sending, sent, delivered', async () => {
    const { id, sid } = await sentMessage();
    for (const status of ['sending', 'sent', 'delivered']) {
      expect((await statusIn(id, sid, status)).statusCode).toBe(204);
      expect((await pulledMessage(sms.acme.agent, id))?.status).toBe(status);
    }
  });

  it('never goes back: delivered first, then a late sending and sent, stays delivered', async () => {
    const { id, sid } = await sentMessage();
    await statusIn(id, sid, 'delivered');
    await statusIn(id, sid, 'sent');
    await statusIn(id, sid, 'sending');
    await statusIn(id, sid, 'queued');
    expect((await pulledMessage(sms.acme.agent, id))?.status).toBe('delivered');
  });

  it('an undelivered message carries the carrier’s reason in words; a later failed does not overwrite it', async () => {
    const { id, sid } = await sentMessage();
    await statusIn(id, sid, 'sent');
    await statusIn(id, sid, 'undelivered', '30003');
    await statusIn(id, sid, 'failed', '30008');
    expect(await pulledMessage(sms.acme.agent, id)).toMatchObject({
      status: 'undelivered',
      errorCode: '30003',
      errorReason: 'The phone is off or out of reach.',
    });
  });

  it('refuses an unsigned or wrongly signed callback and changes nothing', async () => {
    const { id, sid } = await sentMessage();
    const path = `/twilio/sms/status?messageId=${id}`;
    const params = { AccountSid: A.accountSid, MessageSid: sid, MessageStatus: 'delivered' };
    expect((await twilioPost(sms.server, path, params, { signature: null })).statusCode).toBe(403);
    expect((await twilioPost(sms.server, path, params, { authToken: 'not-the-token-0123456789' })).statusCode).toBe(
      403,
    );
    expect((await pulledMessage(sms.acme.agent, id))?.status).toBe('queued');
  });
});

describe('templates and settings', () => {
  it('an admin manages templates; every user of the company reads them, no other company does', async () => {
    const admin = as(sms.server, sms.acme.admin);
    const saved = await admin.request({
      method: 'PUT',
      url: '/admin/sms/templates/eta',
      payload: { name: 'ETA', body: 'Hi {{firstName}}, {{agentName}} here: we arrive {{appointmentWindow}}.' },
    });
    expect(saved.statusCode).toBe(200);
    const forAgent = (await as(sms.server, sms.acme.agent).get('/sms/settings')).json();
    expect(forAgent).toMatchObject({
      quietHours: { start: '21:00', end: '08:00' },
      templates: [{ id: 'eta', name: 'ETA' }],
    });
    expect((await as(sms.server, sms.globex.agent).get('/sms/settings')).json().templates).toEqual([]);
    const byAgent = await as(sms.server, sms.acme.agent).request({
      method: 'PUT',
      url: '/admin/sms/templates/x',
      payload: { name: 'X', body: 'x' },
    });
    expect(byAgent.statusCode).toBe(403);
    const empty = await admin.request({
      method: 'PUT',
      url: '/admin/sms/templates/y',
      payload: { name: 'Y', body: ' ' },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toMatch(/template/i);
    expect((await admin.request({ method: 'DELETE', url: '/admin/sms/templates/nope' })).statusCode).toBe(404);
  });

  it('quiet hours are configurable by an admin and refused when not a time', async () => {
    const admin = as(sms.server, sms.acme.admin);
    const bad = await admin.request({
      method: 'PUT',
      url: '/admin/sms/settings',
      payload: { quietHours: { start: '25:00', end: '08:00' } },
    });
    expect(bad.statusCode).toBe(400);
    const good = await admin.request({
      method: 'PUT',
      url: '/admin/sms/settings',
      payload: { quietHours: { start: '20:30', end: '07:30' } },
    });
    expect(good.json()).toMatchObject({ quietHours: { start: '20:30', end: '07:30' }, custom: true });
    expect((await as(sms.server, sms.acme.agent).get('/sms/settings')).json().quietHours).toEqual({
      start: '20:30',
      end: '07:30',
    });
  });
});

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ComposeInfo, SmsThread } from '../../../../src/shared/api/sms';
import type { SmsMessage } from '../../../../src/shared/sms/message';
import { TransportError, type SyncTransport } from '../../../../src/main/core/sync/transport';
import { importDirectory } from '../../../../src/server/directory/store';
import { seedCompany, startTestServer, type TestCompany, type TestServer } from '../../../server/helpers/server';
import { startFakeTwilioRest, type FakeTwilioRest } from '../../../server/twilio/fake-twilio-rest';
import { connectInput, connectTwilio } from '../../../server/twilio/fixtures';
import { PUBLIC_URL, twilioPost } from '../../../server/twilio/webhook-client';
import { injectTransport, openDesktop, signIn, switchable } from '../sync/harness';

/**
 * The desktop's side of texting against the real server and a fake Twilio: a text
 * composed offline waits in the outbox and reaches Twilio exactly once after the
 * reconnect, even when the push's answer is lost and the push is sent again.
 */

let server: TestServer;
let rest: FakeTwilioRest;
let acme: TestCompany;
const A = connectInput('a');
const PETER = '+12125550101';
const DORA = '+12125550777';
/** Noon in New York (EDT) on 10 March 2026; 23:00 there is quiet hours. */
const NOON_NY = new Date('2026-03-10T16:00:00.000Z');
const LATE_NY = new Date('2026-03-11T03:00:00.000Z');

beforeAll(async () => {
  rest = await startFakeTwilioRest();
  server = await startTestServer({
    twilio: { publicUrl: PUBLIC_URL, restBaseUrl: rest.baseUrl },
    maxClockDriftMs: 50 * 365 * 24 * 3600_000,
  });
  acme = await seedCompany(server, 'acme');
  await connectTwilio(server, acme.admin, 'a');
  const at = '2026-03-01T00:00:00.000Z';
  const person = { title: '', email: '', tags: [], accountId: null, createdAt: at, updatedAt: at };
  await importDirectory(server.database.db, acme.id, 'contacts', [
    {
      ...person,
      id: 'ct-peter',
      firstName: 'Peter',
      lastName: 'Gibbons',
      timeZone: 'America/New_York',
      phones: [{ kind: 'mobile', e164: PETER }],
    },
    {
      ...person,
      id: 'ct-dora',
      firstName: 'Dora',
      lastName: 'Nocall',
      timeZone: null,
      doNotContact: true,
      doNotContactReason: 'asked in writing',
      phones: [{ kind: 'mobile', e164: DORA }],
    },
  ]);
}, 180_000);
afterAll(async () => {
  await server.close();
  await rest.close();
});

const messageRequests = () => rest.requests.filter((r) => r.path.endsWith('/Messages.json'));
const peter = { type: 'contact' as const, id: 'ct-peter', name: 'Peter Gibbons' };

/** Passes requests on, but the first push after `loseNextPushReply()` reaches the server and its answer is lost. */
function lossy(inner: SyncTransport) {
  let lose = false;
  const transport: SyncTransport = {
    async request(request) {
      const reply = await inner.request(request);
      if (lose && request.path === '/sync/push') {
        lose = false;
        throw new TransportError('The connection dropped before the server answered.');
      }
      return reply;
    },
  };
  return { transport, loseNextPushReply: () => (lose = true) };
}

describe('texting from the desktop', () => {
  it('composed offline, sent exactly once after reconnecting even with the push retried', async () => {
    const { transport, cable } = switchable(injectTransport(server));
    const link = lossy(transport);
    const desktop = openDesktop(link.transport, { now: () => NOON_NY });
    await signIn(desktop, 'acme', acme.agent.email);
    await desktop.sync();

    const info = await desktop.invoke<ComposeInfo>('sms.compose', { related: peter });
    expect(info).toMatchObject({
      number: PETER,
      zone: 'America/New_York',
      localTime: '12:00 EDT',
      inQuietHours: false,
      blocked: null,
      values: { firstName: 'Peter', lastName: 'Gibbons', agentName: expect.any(String) },
    });

    cable.online = false;
    const queued = await desktop.invoke<SmsMessage>('sms.send', { to: PETER, body: 'Hi Peter, we arrive 2–4 pm.' });
    expect(queued).toMatchObject({ status: 'queued', customerNumber: PETER, related: peter });
    await desktop.sync();
    expect(messageRequests()).toHaveLength(0);

    cable.online = true;
    link.loseNextPushReply();
    await desktop.sync();
    await desktop.sync();
    await desktop.sync();
    expect(messageRequests()).toHaveLength(1);
    expect(messageRequests()[0]!.form).toMatchObject({ To: PETER, Body: 'Hi Peter, we arrive 2–4 pm.' });
    const { threads } = await desktop.invoke<{ threads: SmsThread[] }>('sms.threads', { related: peter });
    expect(threads).toHaveLength(1);
    expect(threads[0]!.items.map((m) => [m.id, m.status, m.companyNumber])).toEqual([
      [queued.id, 'queued', A.numbers[0]],
    ]);

    // Twilio reports it delivered; the next sync shows it.
    const sid = `SM${'1'.padStart(32, '0')}`;
    await twilioPost(
      server,
      `/twilio/sms/status?messageId=${queued.id}`,
      { AccountSid: A.accountSid, MessageSid: sid, MessageStatus: 'delivered' },
      { authToken: A.authToken },
    );
    // A pull hands out only what no running transaction of the Postgres server can still
    // precede (the pull bound), so a busy shared server may need another round.
    await vi.waitFor(
      async () => {
        await desktop.sync();
        const after = await desktop.invoke<{ threads: SmsThread[] }>('sms.threads', { number: PETER });
        expect(after.threads[0]!.items.at(-1)?.status).toBe('delivered');
      },
      { timeout: 30_000, interval: 250 },
    );
    desktop.close();
  });

  it('a reply arrives as sms.received, counts as unread until the thread is read', async () => {
    const desktop = openDesktop(injectTransport(server), { now: () => NOON_NY });
    await signIn(desktop, 'acme', acme.agent2.email);
    await desktop.sync();
    const unreadBefore = (await desktop.invoke<{ unread: number }>('sms.unread', {})).unread;
    const received: unknown[] = [];
    desktop.core.events.subscribe((name, payload) => {
      if (name === 'sms.received') received.push(payload);
    });
    await twilioPost(
      server,
      '/twilio/sms/incoming',
      {
        AccountSid: A.accountSid,
        MessageSid: `SM${'b'.repeat(32)}`,
        From: PETER,
        To: A.numbers[0]!,
        Body: 'See you at 2',
      },
      { authToken: A.authToken },
    );
    await desktop.sync();
    expect(received).toEqual([
      {
        id: `sms-SM${'b'.repeat(32)}`,
        from: PETER,
        who: 'Peter Gibbons',
        body: 'See you at 2',
        related: expect.objectContaining({ id: 'ct-peter' }),
      },
    ]);
    expect((await desktop.invoke<{ unread: number }>('sms.unread', {})).unread).toBe(unreadBefore + 1);
    expect((await desktop.invoke<{ unread: number }>('sms.markRead', { number: PETER })).unread).toBe(0);
    // Announced once: another round brings nothing new.
    await desktop.sync();
    expect(received).toHaveLength(1);
    desktop.close();
  });

  it('says why a number cannot be texted (do-not-contact, STOP) and refuses to queue it', async () => {
    const desktop = openDesktop(injectTransport(server), { now: () => NOON_NY });
    await signIn(desktop, 'acme', acme.agent.email);
    await desktop.sync();
    const dnc = await desktop.invoke<ComposeInfo>('sms.compose', { number: `sms:${DORA}` });
    expect(dnc.blocked).toBe('Dora Nocall is marked do-not-contact: asked in writing. Texts to them are not sent.');
    const reply = await desktop.core.dispatch('sms.send', { to: DORA, body: 'hello' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'cannot_text' } });

    const stopper = '+12125550155';
    await twilioPost(
      server,
      '/twilio/sms/incoming',
      { AccountSid: A.accountSid, MessageSid: `SM${'c'.repeat(32)}`, From: stopper, To: A.numbers[0]!, Body: ' Stop ' },
      { authToken: A.authToken },
    );
    await desktop.sync();
    const stopped = await desktop.invoke<ComposeInfo>('sms.compose', { number: '(212) 555-0155' });
    expect(stopped).toMatchObject({ number: stopper, blocked: expect.stringContaining('replied STOP and opted out') });
    desktop.close();
  });

  it('holds a text in the customer’s quiet hours until the agent confirms', async () => {
    const desktop = openDesktop(injectTransport(server), { now: () => LATE_NY });
    await signIn(desktop, 'acme', acme.agent.email);
    await desktop.sync();
    const info = await desktop.invoke<ComposeInfo>('sms.compose', { related: peter });
    expect(info).toMatchObject({
      localTime: '23:00 EDT',
      inQuietHours: true,
      quietHours: { start: '21:00', end: '08:00' },
    });
    const held = await desktop.core.dispatch('sms.send', { to: PETER, body: 'Late update', related: peter });
    expect(held).toMatchObject({ ok: false, error: { code: 'quiet_hours' } });
    expect(held.ok ? '' : held.error.message).toContain('It is 23:00 EDT for the customer, inside quiet hours');
    const sent = await desktop.invoke<SmsMessage>('sms.send', {
      to: PETER,
      body: 'Late update',
      related: peter,
      quietHoursConfirmed: true,
    });
    expect(sent.status).toBe('queued');
    desktop.close();
  });
});

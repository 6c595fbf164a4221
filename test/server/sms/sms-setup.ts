import { afterAll, beforeAll } from 'vitest';
import { importDirectory } from '../../../src/server/directory/store';
import type { SmsMessage } from '../../../src/shared/sms/message';
import {
  as,
  clientIds,
  envelopes,
  seedCompany,
  startTestServer,
  type TestCompany,
  type TestServer,
} from '../helpers/server';
import { startFakeTwilioRest, type FakeTwilioRest } from '../twilio/fake-twilio-rest';
import { connectInput, connectTwilio } from '../twilio/fixtures';
import { PUBLIC_URL, twilioPost } from '../twilio/webhook-client';

/** One server, two companies with Twilio connected, a small directory and the fake REST server. */

export const A = connectInput('a');
export const B = connectInput('b');
export const PETER = '+12125550101';
export const DORA_DNC = '+12125550777';

export const sms = {} as { server: TestServer; rest: FakeTwilioRest; acme: TestCompany; globex: TestCompany };
export const newClientId = clientIds('sms');

export function useSmsServer(): void {
  beforeAll(async () => {
    sms.rest = await startFakeTwilioRest();
    sms.server = await startTestServer({ twilio: { publicUrl: PUBLIC_URL, restBaseUrl: sms.rest.baseUrl } });
    sms.acme = await seedCompany(sms.server, 'acme');
    sms.globex = await seedCompany(sms.server, 'globex');
    await connectTwilio(sms.server, sms.acme.admin, 'a');
    await connectTwilio(sms.server, sms.globex.admin, 'b');
    const at = '2026-03-01T00:00:00.000Z';
    await importDirectory(sms.server.database.db, sms.acme.id, 'contacts', [
      {
        id: 'ct-peter',
        firstName: 'Peter',
        lastName: 'Gibbons',
        accountId: null,
        timeZone: 'America/New_York',
        phones: [{ kind: 'mobile', e164: PETER }],
        createdAt: at,
        updatedAt: at,
      },
      {
        id: 'ct-dora',
        firstName: 'Dora',
        lastName: 'Nocall',
        accountId: null,
        timeZone: null,
        doNotContact: true,
        doNotContactReason: 'asked not to be contacted',
        phones: [{ kind: 'mobile', e164: DORA_DNC }],
        createdAt: at,
        updatedAt: at,
      },
    ]);
  }, 180_000);
  afterAll(async () => {
    await sms.server.close();
    await sms.rest.close();
  });
}

let messageSeq = 0;
/** A message id like the desktop makes (unique in this run). */
export const messageId = () => `msg-${++messageSeq}-${Date.now()}`;

/** Pushes one `sms.send` as the agent from a new sync client; returns the push body. */
export async function pushSend(
  user: { token: string },
  args: { id: string; to: string; body: string },
  clientId = newClientId(),
  mutationId = 1,
) {
  const envelope = envelopes(Date.parse('2026-03-10T11:59:00.000Z'), clientId)(mutationId, 'sms.send', {
    ...args,
    at: '2026-03-10T11:59:00.000Z',
  });
  return as(sms.server, user).push(clientId, [envelope]);
}

/** Every message the user's desktop would hold after a first download. */
export async function pulledMessages(user: { token: string }): Promise<SmsMessage[]> {
  const page = await as(sms.server, user).pull(newClientId(), null);
  return page.changes.messages;
}

export async function pulledMessage(user: { token: string }, id: string): Promise<SmsMessage | undefined> {
  return (await pulledMessages(user)).find((message) => message.id === id);
}

/** The Messages.json requests the fake Twilio got since `from`. */
export const messageRequests = (from = 0) =>
  sms.rest.requests.slice(from).filter((request) => request.path.endsWith('/Messages.json'));

let sidSeq = 0;
export const inboundSid = () => `SM${(0xabc00000 + ++sidSeq).toString(16).padStart(32, '0')}`;

/** A customer's text to one of our numbers, signed as Twilio signs it. */
export function textIn(from: string, body: string, options: { to?: string; account?: typeof A; sid?: string } = {}) {
  const account = options.account ?? A;
  return twilioPost(
    sms.server,
    '/twilio/sms/incoming',
    {
      AccountSid: account.accountSid,
      MessageSid: options.sid ?? inboundSid(),
      From: from,
      To: options.to ?? account.numbers[0]!,
      Body: body,
      NumMedia: '0',
    },
    { authToken: account.authToken },
  );
}

/** A status callback for one of our messages, signed. */
export function statusIn(messageIdValue: string, sid: string, status: string, errorCode?: string) {
  return twilioPost(
    sms.server,
    `/twilio/sms/status?messageId=${messageIdValue}`,
    {
      AccountSid: A.accountSid,
      MessageSid: sid,
      MessageStatus: status,
      ...(errorCode ? { ErrorCode: errorCode } : {}),
    },
    { authToken: A.authToken },
  );
}

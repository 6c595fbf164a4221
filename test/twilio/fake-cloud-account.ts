import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import type { TwilioAccount } from '../../src/server/twilio/settings';

/**
 * The parts of the fake Twilio cloud that belong to the account rather than to a call:
 * the credentials a test configures on the CRM server (through its admin API or CLI),
 * the access-token check the gateway applies to every `listen`, the signature on every
 * webhook, and the REST host that serves recordings.
 */
/** What the account is to Twilio: the same fields the CRM server stores for the company. */
export type CloudAccount = Pick<
  TwilioAccount,
  'accountSid' | 'authToken' | 'apiKeySid' | 'apiSecret' | 'twimlAppSid' | 'numbers'
>;

const hex = (n: number, digit: string) => digit.repeat(n);

/** Well-formed, fake credentials (SIDs are a prefix and 32 hex digits). */
export function testCloudAccount(numbers: string[]): CloudAccount {
  return {
    accountSid: `AC${hex(32, 'a')}`,
    authToken: 'fake-cloud-auth-token-0123456789ab',
    apiKeySid: `SK${hex(32, 'b')}`,
    apiSecret: 'fake-cloud-api-secret-0123456789ab',
    twimlAppSid: `AP${hex(32, 'c')}`,
    numbers,
  };
}

const b64json = (part: string) =>
  JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

/**
 * What Twilio's gateway checks in an access token before it lets a Device listen: HS256
 * signed with the API key's secret, issued by that key for this account, not expired,
 * with a voice grant for incoming calls and this TwiML App. Null when it is good;
 * otherwise why not.
 */
export function accessTokenProblem(token: string, account: CloudAccount, nowMs = Date.now()): string | null {
  const parts = token.split('.');
  if (parts.length !== 3) return 'not a JWT';
  const expected = createHmac('sha256', account.apiSecret).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2]!, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'signature does not match';
  const header = b64json(parts[0]!);
  const claims = b64json(parts[1]!);
  if (header.alg !== 'HS256' || header.cty !== 'twilio-fpa;v=1') return 'not a Twilio access token';
  if (claims.iss !== account.apiKeySid) return 'issued by another API key';
  if (claims.sub !== account.accountSid) return 'for another account';
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= nowMs) return 'expired';
  const grants = claims.grants as
    | { identity?: string; voice?: { incoming?: { allow?: boolean }; outgoing?: { application_sid?: string } } }
    | undefined;
  if (!grants?.identity) return 'no identity';
  if (grants.voice?.incoming?.allow !== true) return 'incoming calls not granted';
  if (grants.voice.outgoing?.application_sid !== account.twimlAppSid) return 'another TwiML App';
  return null;
}

/** Twilio's Timestamp format (RFC 2822). */
export const rfc2822 = (ms: number) => new Date(ms).toUTCString().replace('GMT', '+0000');

export interface WebhookExchange {
  url: string;
  params: Record<string, string>;
  status: number;
  body: string;
}

/** POSTs a form to `url` signed with the account's auth token, as Twilio does. */
export async function signedPost(
  account: CloudAccount,
  url: string,
  params: Record<string, string>,
): Promise<WebhookExchange> {
  const signature = twilio.getExpectedTwilioSignature(account.authToken, url, params);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params).toString(),
  });
  return { url, params, status: response.status, body: await response.text() };
}

/** One second of a 440 Hz tone as 8 kHz mono PCM WAV: what the fake serves as a recording. */
function toneWav(): Buffer {
  const rate = 8000;
  const samples = Buffer.alloc(rate * 2);
  for (let i = 0; i < rate; i++)
    samples.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + samples.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(samples.length, 40);
  return Buffer.concat([header, samples]);
}

/** A REST request to the fake api.twilio.com, as the `twilio` package sent it. */
export interface RestRequest {
  method: string;
  path: string;
  /** The form body; a key sent more than once (StatusCallbackEvent) keeps all its values. */
  form: Record<string, string | string[]>;
}

export interface RestAnswer {
  status: number;
  body?: unknown;
}

export interface RecordingHost {
  /** The REST base the CRM server is told to use (TWILIO_API_BASE). */
  url: string;
  /** Every request: method, path, form and whether its credentials were the account's API key. */
  requests: (RestRequest & { authorised: boolean })[];
  /** The rest of the REST API (Calls, Conferences), answered by the cloud; null: 404. */
  api: ((request: RestRequest) => RestAnswer | null) | null;
  mediaUrl(recordingSid: string): string;
  close(): Promise<void>;
}

async function formOf(req: IncomingMessage): Promise<Record<string, string | string[]>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const form: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) {
    const seen = form[key];
    form[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return form;
}

/**
 * Twilio's REST host: recordings (`GET /2010-04-01/Accounts/{AC}/Recordings/{RE}.mp3`,
 * a short WAV tone that Chromium plays whatever the extension says) and, through `api`,
 * the Calls and Conferences the cloud simulates. Only the account's API key as Basic
 * credentials gets anything; everything else is 401, or 404 when unknown.
 */
export async function startRecordingHost(account: CloudAccount): Promise<RecordingHost> {
  const media = toneWav();
  const expected = `Basic ${Buffer.from(`${account.apiKeySid}:${account.apiSecret}`).toString('base64')}`;
  const pattern = new RegExp(`^/2010-04-01/Accounts/${account.accountSid}/Recordings/RE[0-9a-f]{32}\\.mp3$`);
  const host: Omit<RecordingHost, 'url' | 'mediaUrl' | 'close'> = { requests: [], api: null };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const method = req.method ?? 'GET';
      const form = await formOf(req);
      const authorised = req.headers.authorization === expected;
      host.requests.push({ method, path, form, authorised });
      if (!authorised) return void res.writeHead(401).end();
      if (method === 'GET' && pattern.test(path)) {
        res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': String(media.length) }).end(media);
        return;
      }
      const answer = host.api?.({ method, path, form }) ?? null;
      if (!answer) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"code":20404}');
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(host, {
    url,
    mediaUrl: (recordingSid: string) => `${url}/2010-04-01/Accounts/${account.accountSid}/Recordings/${recordingSid}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

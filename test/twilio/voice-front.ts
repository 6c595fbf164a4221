import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import type { VoiceConfig, VoiceTokenResponse } from '../../src/shared/voice/protocol';

/**
 * The CRM server's two voice endpoints, faked in front of the real server until the
 * server's own land: GET /voice/config and POST /voice/token (a real Twilio access
 * token, minted with the `twilio` package and a test key). Every other request goes
 * to the real CRM server unchanged, so sign-in and sync are the real ones.
 */
export interface VoiceFront {
  url: string;
  config: VoiceConfig;
  /** Lifetime of the tokens it mints. */
  ttlSeconds: number;
  /** When true, POST /voice/token answers 403 (voice access withdrawn). */
  refuseTokens: boolean;
  tokensIssued: number;
  close(): Promise<void>;
}

export const testTwilioAccount = {
  accountSid: 'AC' + '0'.repeat(32),
  apiKeySid: 'SK' + '1'.repeat(32),
  apiKeySecret: 'test-secret-test-secret-test-sec',
  appSid: 'AP' + '2'.repeat(32),
};

export function mintVoiceToken(identity: string, ttlSeconds: number): VoiceTokenResponse {
  const { AccessToken } = twilio.jwt;
  const token = new AccessToken(
    testTwilioAccount.accountSid,
    testTwilioAccount.apiKeySid,
    testTwilioAccount.apiKeySecret,
    {
      identity,
      ttl: ttlSeconds,
    },
  );
  token.addGrant(new AccessToken.VoiceGrant({ outgoingApplicationSid: testTwilioAccount.appSid, incomingAllow: true }));
  return {
    token: token.toJwt(),
    identity,
    expiresAt: new Date(Date.now() + ttlSeconds * 1000).toISOString(),
    ttlSeconds,
  };
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startVoiceFront(crmUrl: string, config: VoiceConfig): Promise<VoiceFront> {
  const front: Omit<VoiceFront, 'url' | 'close'> = { config, ttlSeconds: 3600, refuseTokens: false, tokensIssued: 0 };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const authorised = /^Bearer \S+/.test(req.headers.authorization ?? '');
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    };
    if (url.pathname === '/voice/config' && req.method === 'GET') {
      return authorised ? json(200, front.config) : json(401, { code: 'unauthorized', message: 'Sign in.' });
    }
    if (url.pathname === '/voice/token' && req.method === 'POST') {
      if (!authorised) return json(401, { code: 'unauthorized', message: 'Sign in.' });
      if (front.refuseTokens) return json(403, { code: 'forbidden', message: 'Phone access is turned off for you.' });
      front.tokensIssued += 1;
      return json(200, mintVoiceToken('agent_e2e', front.ttlSeconds));
    }
    const forwarded = await fetch(new URL(url.pathname + url.search, crmUrl), {
      method: req.method ?? 'GET',
      headers: Object.fromEntries(
        Object.entries(req.headers).filter(([k, v]) => typeof v === 'string' && k !== 'host' && k !== 'content-length'),
      ) as Record<string, string>,
      ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body: await body(req) }),
    });
    res.writeHead(forwarded.status, { 'content-type': forwarded.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await forwarded.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(front, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as VoiceFront;
}

import { eq } from 'drizzle-orm';
import { jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../../src/server/app';
import { twilioSettings } from '../../../src/server/db/schema';
import { connectCompany, parseConnectArgs, runTwilioConnect } from '../../../src/server/twilio/cli-connect';
import { createSecretBox } from '../../../src/server/twilio/secrets';
import { voiceIdentityForUser, VoiceConfig, VoiceTokenResponse } from '../../../src/shared/voice/protocol';
import {
  as,
  seedCompany,
  startTestServer,
  TEST_AUTH_SECRET,
  type TestCompany,
  type TestServer,
} from '../helpers/server';
import { connectInput, connectTwilio } from './fixtures';

let server: TestServer;
let acme: TestCompany;
let other: TestCompany;

beforeAll(async () => {
  server = await startTestServer({ twilio: { publicUrl: 'https://crm.example.com' } });
  acme = await seedCompany(server, 'acme');
  other = await seedCompany(server, 'other');
});
afterAll(() => server.close());

describe('company Twilio settings (admin API)', () => {
  it('is refused to agents and supervisors', async () => {
    for (const user of [acme.agent, acme.supervisor]) {
      const response = await as(server, user).request({ method: 'PUT', url: '/admin/twilio', payload: connectInput() });
      expect(response.statusCode).toBe(403);
      expect(response.json().message).toMatch(/admin/);
    }
  });

  it('explains an invalid setting in words', async () => {
    const response = await as(server, acme.admin).request({
      method: 'PUT',
      url: '/admin/twilio',
      payload: connectInput('a', { accountSid: 'AC123', numbers: ['0123'] }),
    });
    expect(response.statusCode).toBe(400);
    const body = response.json<{ issues: { path: string; message: string }[] }>();
    expect(body.issues.map((issue) => issue.path)).toEqual(expect.arrayContaining(['accountSid', 'numbers.0']));
    expect(JSON.stringify(body)).toMatch(/starts with AC followed by 32 hex characters/);
  });

  it('needs both secrets the first time', async () => {
    const { authToken: _drop, ...input } = connectInput();
    const response = await as(server, other.admin).request({ method: 'PUT', url: '/admin/twilio', payload: input });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('secret_required');
  });

  it('stores the secrets encrypted and never returns them', async () => {
    const saved = await connectTwilio(server, acme.admin);
    const text = JSON.stringify(saved);
    expect(text).not.toContain('auth-token-of-company-a');
    expect(text).not.toContain('api-secret-of-company-a');
    expect(saved).toMatchObject({
      connected: true,
      hasAuthToken: true,
      hasApiSecret: true,
      callerId: '+14155550100',
      webhookUrls: {
        incoming: 'https://crm.example.com/twilio/voice/incoming',
        status: 'https://crm.example.com/twilio/voice/status',
      },
    });
    const read = await as(server, acme.admin).get('/admin/twilio');
    expect(read.body).not.toContain('auth-token-of-company-a');
    expect(read.json()).toMatchObject({ accountSid: connectInput().accountSid });
    const [row] = await server.database.db.select().from(twilioSettings).where(eq(twilioSettings.companyId, acme.id));
    expect(JSON.stringify(row)).not.toContain('auth-token-of-company-a');
    expect(JSON.stringify(row)).not.toContain('api-secret-of-company-a');
  });

  it('keeps the stored secrets when an update leaves them out', async () => {
    const { authToken: _a, apiSecret: _s, ...rest } = connectInput();
    const response = await as(server, acme.admin).request({
      method: 'PUT',
      url: '/admin/twilio',
      payload: { ...rest, ringSeconds: 30 },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ringSeconds: 30, hasAuthToken: true });
    const token = await as(server, acme.agent).post('/voice/token', {});
    expect(token.statusCode).toBe(200);
  });

  it('refuses to store secrets when the server has no key for them (production without TWILIO_CONFIG_KEY)', async () => {
    // A second instance on the same database, started without a key.
    const keyless = buildServer({
      db: server.database.db,
      authSecret: TEST_AUTH_SECRET,
      now: () => server.clock.now,
      twilio: { secrets: null },
    });
    try {
      const response = await keyless.inject({
        method: 'PUT',
        url: '/admin/twilio',
        payload: connectInput('b'),
        headers: { authorization: `Bearer ${other.admin.token}` },
      });
      expect(response.statusCode).toBe(503);
      expect(response.json().message).toMatch(/TWILIO_CONFIG_KEY/);
      const rows = await server.database.db.select().from(twilioSettings).where(eq(twilioSettings.companyId, other.id));
      expect(rows).toHaveLength(0);
    } finally {
      await keyless.close();
    }
  });
});

describe('a server started with another TWILIO_CONFIG_KEY', () => {
  it('says in words that the stored secrets cannot be read, instead of failing', async () => {
    const rekeyed = buildServer({
      db: server.database.db,
      authSecret: TEST_AUTH_SECRET,
      now: () => server.clock.now,
      twilio: { secrets: createSecretBox(Buffer.alloc(32, 7)) },
    });
    try {
      const response = await rekeyed.inject({
        method: 'POST',
        url: '/voice/token',
        headers: { authorization: `Bearer ${acme.agent.token}` },
      });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ code: 'twilio_secrets_unreadable' });
      expect(response.json().message).toMatch(/TWILIO_CONFIG_KEY is not the key it was stored with/);
    } finally {
      await rekeyed.close();
    }
  });
});

describe('GET /voice/config and POST /voice/token', () => {
  it('gives the simulated line and refuses a token, in plain words, to a company without Twilio', async () => {
    const config = await as(server, other.agent).get('/voice/config');
    expect(VoiceConfig.parse(config.json())).toEqual({ line: 'simulated' });
    const token = await as(server, other.agent).post('/voice/token', {});
    expect(token.statusCode).toBe(409);
    expect(token.json()).toMatchObject({ code: 'twilio_not_connected' });
    expect(token.json().message).toMatch(/has not connected a Twilio account/);
  });

  it('gives the Twilio line with the company’s numbers, caller ID, edge and recording consent', async () => {
    const config = VoiceConfig.parse((await as(server, acme.agent).get('/voice/config')).json());
    expect(config).toEqual({
      line: 'twilio',
      edge: 'roaming',
      callerId: '+14155550100',
      numbers: ['+14155550100', '+14155550101'],
      recordCalls: true,
      publishInsights: false,
    });
  });

  it('mints a one-hour token for the agent’s stable identity, signed with the API key secret', async () => {
    const response = await as(server, acme.agent).post('/voice/token', {});
    expect(response.statusCode).toBe(200);
    const body = VoiceTokenResponse.parse(response.json());
    expect(body.identity).toBe(voiceIdentityForUser(acme.agent.id));
    expect(body.ttlSeconds).toBe(3600);
    const { payload, protectedHeader } = await jwtVerify(
      body.token,
      new TextEncoder().encode('api-secret-of-company-a-0123456789'),
    );
    expect(protectedHeader).toMatchObject({ cty: 'twilio-fpa;v=1' });
    expect(payload.iss).toBe(connectInput().apiKeySid);
    expect(payload.sub).toBe(connectInput().accountSid);
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect(new Date(payload.exp! * 1000).toISOString()).toBe(body.expiresAt);
    expect(payload['grants']).toEqual({
      identity: body.identity,
      voice: { incoming: { allow: true }, outgoing: { application_sid: connectInput().twimlAppSid } },
    });
    expect(response.body).not.toContain('api-secret-of-company-a');
  });

  it('needs a session', async () => {
    const response = await server.app.inject({ method: 'POST', url: '/voice/token' });
    expect(response.statusCode).toBe(401);
  });
});

describe('twilio-connect (CLI)', () => {
  it('stores the connection for the company named by its slug, secrets sealed, nothing secret printed', async () => {
    const input = connectInput('b');
    // prettier-ignore
    const command = parseConnectArgs(
      ['--company', 'other', '--account-sid', input.accountSid, '--auth-token', input.authToken,
       '--api-key', input.apiKeySid, '--api-secret', input.apiSecret, '--twiml-app', input.twimlAppSid,
       '--number', '+442071838750', '--number', '+442071838751', '--record-calls', '--ring-seconds', '20'],
    );
    const box = createSecretBox(Buffer.from('ab'.repeat(32), 'hex'));
    const view = await connectCompany(server.database.db, box, command);
    expect(JSON.stringify(view)).not.toContain(input.authToken);
    expect(JSON.stringify(view)).not.toContain(input.apiSecret);
    expect(view).toMatchObject({ numbers: ['+442071838750', '+442071838751'], recordCalls: true, ringSeconds: 20 });
    const [row] = await server.database.db.select().from(twilioSettings).where(eq(twilioSettings.companyId, other.id));
    expect(row?.authTokenEnc).toMatch(/^v1:/);
    expect(JSON.stringify(row)).not.toContain(input.authToken);
    expect(box.open(row!.authTokenEnc, `twilio:${other.id}:authToken`)).toBe(input.authToken);
    await connectCompany(server.database.db, box, { ...command, slug: 'nobody' }).catch((error: Error) =>
      expect(error.message).toBe('No company with the slug nobody'),
    );
    await server.database.db.delete(twilioSettings).where(eq(twilioSettings.companyId, other.id));
  });

  it('refuses invalid settings with a sentence per field, before touching any database', async () => {
    await expect(runTwilioConnect(['--company', 'x', '--account-sid', 'nope'], {})).rejects.toThrow(
      /accountSid: An Account SID starts with AC/,
    );
    expect(() => parseConnectArgs(['--account-sid', 'x'])).toThrow(/Missing --company/);
  });
});

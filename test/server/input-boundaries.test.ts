import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app';
import { RecordingUrl } from '../../src/shared/domain/primitives';
import { connectTwilio } from './twilio/fixtures';
import { callSid, PUBLIC_URL, twilioPost } from './twilio/webhook-client';
import {
  as,
  AT,
  clientIds,
  envelopes,
  newCallArgs,
  PASSWORD,
  seedCompany,
  startTestServer,
  TEST_AUTH_SECRET,
  type TestCompany,
  type TestServer,
} from './helpers/server';

/**
 * Found by trying the server as an attacker: NUL bytes answered with a 500 (and the
 * failed SQL with its parameters in the log), CSV injection through the id columns, a
 * call dated 9999 and a `javascript:` recording link accepted.
 */

let server: TestServer;
let acme: TestCompany;

beforeAll(async () => {
  server = await startTestServer({ twilio: { publicUrl: PUBLIC_URL } });
  acme = await seedCompany(server, 'acme');
});
afterAll(() => server.close());

const newClient = clientIds('bounds');
const m = envelopes(Date.parse(AT) - 60_000, 'bounds');
const FORMULA = "=cmd|' /C calc'!A0";

describe('control characters are refused with 400 at every boundary', () => {
  it('in sign-in fields', async () => {
    for (const payload of [
      { company: 'acme\u0000', email: 'agent@acme.test', password: PASSWORD },
      { company: 'acme', email: 'agent@acme.test\u0000', password: PASSWORD },
      { company: 'acme', email: 'agent@acme.test', password: `${PASSWORD}\u0000` },
      { company: 'acme', email: 'agent@acme.test', password: `${PASSWORD}\u001b` },
    ]) {
      const response = await server.app.inject({ method: 'POST', url: '/auth/login', payload });
      expect(response.statusCode).toBe(400);
      expect(response.json<{ code: string; message: string }>()).toMatchObject({
        code: 'control_character',
        message: expect.stringMatching(/control character \(U\+00(00|1B)\) at (company|email|password)/),
      });
    }
  });

  it('in /calls and export query parameters, and in ids in the path', async () => {
    const agent = as(server, acme.agent);
    for (const url of [
      '/calls?q=a%00b',
      '/calls?owner=x%00',
      '/calls?related=contact:%00',
      '/export/calls.csv?q=%07',
      '/calls/abc%00def',
      '/calls/abc%00/notes',
      '/lookup?phone=%2B1%00',
    ]) {
      const response = await agent.get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json<{ code: string }>().code, url).toBe('control_character');
    }
  });

  it('in a note body: that mutation is refused with its reason, the rest of the push applies', async () => {
    const agent = as(server, acme.agent);
    const { statusCode, body } = await agent.push(newClient(), [
      m(1, 'call.create', newCallArgs('nul-call')),
      m(2, 'note.add', { id: 'nul-note', body: 'before\u0000after', callId: 'nul-call', at: AT }),
      m(3, 'note.add', { id: 'ok-note', body: 'a line\nand a\ttab', callId: 'nul-call', at: AT }),
    ]);
    expect(statusCode).toBe(200);
    expect(body.outcomes.map((outcome) => outcome.status)).toEqual(['applied', 'rejected', 'applied']);
    expect(body.outcomes[1]).toMatchObject({
      error: { code: 'invalid_args', message: expect.stringContaining('control character (U+0000) at body') },
    });
    // The envelope itself (client id, names) is checked by the app-wide guard.
    const envelope = await agent.request({
      method: 'POST',
      url: '/sync/push',
      payload: { clientId: newClient(), mutations: [{ ...m(1, 'note.add', {}), name: 'note.add\u0000' }] },
    });
    expect(envelope.statusCode).toBe(400);
    const posted = await agent.post('/calls/nul-call/notes', { id: 'n-direct', body: 'x\u0000y' });
    expect(posted.statusCode).toBe(400);
  });

  it('in a signed Twilio webhook', async () => {
    await connectTwilio(server, acme.admin, 'a');
    const response = await twilioPost(
      server,
      '/twilio/voice/status',
      { AccountSid: `AC${'1'.repeat(32)}`, CallSid: callSid(), CallStatus: 'completed\u0000' },
      { authToken: 'auth-token-of-company-a-0123456789' },
    );
    expect(response.statusCode).toBe(400);
    expect(response.json<{ code: string }>().code).toBe('control_character');
  });
});

describe('ids, dates and links', () => {
  it('refuses an id that could start a formula, and keeps UUIDs and short names valid', async () => {
    const { body } = await as(server, acme.agent).push(newClient(), [
      m(1, 'call.create', newCallArgs(FORMULA)),
      m(2, 'call.create', newCallArgs('0193b6f2-8c1a-7d4e-9f00-0123456789ab')),
      m(3, 'call.create', newCallArgs('call-1.b_2')),
      m(4, 'call.create', newCallArgs('ok-call', { related: { type: 'contact', id: FORMULA, name: 'x' } })),
    ]);
    expect(
      body.outcomes.map((outcome) => (outcome.status === 'rejected' ? outcome.error.code : outcome.status)),
    ).toEqual(['invalid_args', 'applied', 'applied', 'invalid_args']);
  });

  it('guards every text cell of the CSV, ids and related ids included (rows stored before the id rule)', async () => {
    await server.database.db.execute(sql`
      update calls set id = ${FORMULA}, related_type = 'contact', related_id = ${'@SUM(1+1)*cmd'}, related_name = 'Ada'
      where company_id = ${acme.id} and id = 'call-1.b_2'`);
    const csv = await as(server, acme.supervisor).get('/export/calls.csv');
    expect(csv.statusCode).toBe(200);
    const line = csv.body.split('\r\n').find((row) => row.includes('calc'))!;
    expect(line.startsWith("'=cmd|' /C calc'!A0,")).toBe(true);
    expect(line).toContain(",'@SUM(1+1)*cmd,");
    expect(csv.body).not.toMatch(/(^|,)[=@]/m);
  });

  it('refuses a call dated year 9999 or 1900, and such dates in the /calls query', async () => {
    const { body } = await as(server, acme.agent).push(newClient(), [
      m(1, 'call.create', newCallArgs('y9999', { at: '9999-01-01T00:00:00.000Z' })),
      m(2, 'call.create', newCallArgs('y1900', { at: '1900-01-01T00:00:00.000Z' })),
      m(3, 'call.create', newCallArgs('y2199', { at: '2199-12-31T00:00:00.000Z' })),
    ]);
    expect(body.outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'applied']);
    expect((await as(server, acme.agent).get('/calls?from=9999-01-01')).statusCode).toBe(400);
    expect((await as(server, acme.agent).get('/calls?to=1969-12-31T23:59:59Z')).statusCode).toBe(400);
  });

  it('accepts recording links over https or to the server’s own stream only', () => {
    expect(RecordingUrl.safeParse('javascript:alert(1)').success).toBe(false);
    expect(RecordingUrl.safeParse('http://evil.example/r.mp3').success).toBe(false);
    expect(RecordingUrl.safeParse('file:///etc/passwd').success).toBe(false);
    expect(RecordingUrl.safeParse('https://crm.example.com/calls/abc/recording').success).toBe(true);
    expect(RecordingUrl.safeParse('http://127.0.0.1:4317/calls/0193-ab/recording').success).toBe(true);
    expect(RecordingUrl.safeParse('http://127.0.0.1:4317/calls/x/recording/../../admin').success).toBe(false);
  });
});

describe('the log', () => {
  it('names a failed query and its code but never its parameters', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = buildServer({
      db: server.database.db,
      authSecret: TEST_AUTH_SECRET,
      now: () => server.clock.now,
      logger: { level: 'warn', stream },
      faults: {
        // A query that fails on the note's own text, the way a NUL once did in Postgres.
        afterMutationWrites: async (tx) => {
          await tx.execute(sql`select ${'secret note text of ada@acme.test'}::integer`);
        },
      },
    });
    const response = await app.inject({
      method: 'POST',
      url: '/sync/push',
      headers: { authorization: `Bearer ${acme.agent.token}` },
      payload: { clientId: newClient(), mutations: [m(1, 'call.create', newCallArgs('logged-call'))] },
    });
    await app.close();
    expect(response.statusCode).toBe(200);
    const log = lines.join('');
    expect(log).toContain('select $1::integer');
    expect(log).toContain('22P02');
    expect(log).not.toContain('secret note text');
    expect(log).not.toContain('ada@acme.test');
  });
});

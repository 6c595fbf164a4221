import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, contacts } from '../../src/server/db/schema';
import { importDirectory } from '../../src/server/directory/store';
import { voiceIdentityForUser } from '../../src/shared/voice/protocol';
import { as, AT, clientIds, envelopes, newCallArgs, seedCompany, startTestServer } from './helpers/server';
import type { TestCompany, TestServer } from './helpers/server';
import { connectInput, connectTwilio } from './twilio/fixtures';
import { callSid, PUBLIC_URL, twilioPost } from './twilio/webhook-client';

let server: TestServer;
let acme: TestCompany;
let globex: TestCompany;
const A = connectInput('a');

beforeAll(async () => {
  server = await startTestServer({ twilio: { publicUrl: PUBLIC_URL } });
  acme = await seedCompany(server, 'acme');
  globex = await seedCompany(server, 'globex');
  await connectTwilio(server, acme.admin, 'a');
});
afterAll(() => server.close());

const block = (user: { token: string }, payload: unknown) => as(server, user).post('/admin/blocked-numbers', payload);
const unblock = (user: { token: string }, payload: unknown) =>
  as(server, user).post('/admin/blocked-numbers/remove', payload);

describe('blocked numbers: kept by supervisors and admins, read by every user of the company', () => {
  it('a supervisor blocks a number typed in any format; it is stored in E.164 with who and why', async () => {
    const reply = await block(acme.supervisor, { number: '(415) 555-0177', reason: 'Abusive caller' });
    expect(reply.statusCode).toBe(200);
    const { items } = reply.json<{ items: { e164: string; reason: string; addedBy: string; addedAt: string }[] }>();
    expect(items).toEqual([
      {
        e164: '+14155550177',
        reason: 'Abusive caller',
        addedBy: acme.supervisor.displayName,
        addedAt: expect.any(String),
      },
    ]);
    // Every user of the company reads it; another company does not.
    expect((await as(server, acme.agent).get('/blocked-numbers')).json()).toEqual({ items });
    expect((await as(server, globex.supervisor).get('/blocked-numbers')).json()).toEqual({ items: [] });
  });

  it('an agent may not change the list; nobody may change another company’s', async () => {
    const refused = await block(acme.agent, { number: '+14155550188' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ message: 'Only a supervisor or an admin of the company can do that.' });
    expect((await unblock(acme.agent, { number: '+14155550177' })).statusCode).toBe(403);
    // Globex's admin removing Acme's number finds nothing in Globex.
    expect((await unblock(globex.admin, { number: '+14155550177' })).statusCode).toBe(404);
    const list = (await as(server, acme.agent).get('/blocked-numbers')).json<{ items: { e164: string }[] }>();
    expect(list.items.map((i) => i.e164)).toEqual(['+14155550177']);
  });

  it('refuses what is not a number, in words', async () => {
    const cases: [unknown, string][] = [
      [{ number: 'call me maybe' }, 'is not a phone number'],
      [{ number: '' }, 'Type the number to block.'],
      [{ number: '+14155550100', reason: 'x'.repeat(201) }, 'A reason has at most 200 characters.'],
      [{ number: '+14155550100', companyId: globex.id }, 'Unrecognized key'],
    ];
    for (const [payload, message] of cases) {
      const reply = await block(acme.admin, payload);
      expect(reply.statusCode).toBe(400);
      expect(JSON.stringify(reply.json())).toContain(message);
    }
  });

  it('an admin unblocks it again', async () => {
    await block(acme.admin, { number: '+14155550199' });
    const reply = await unblock(acme.admin, { number: '415 555 0199' });
    expect(reply.statusCode).toBe(200);
    expect(reply.json<{ items: { e164: string }[] }>().items.map((i) => i.e164)).not.toContain('+14155550199');
  });
});

describe('the Twilio voice webhook turns a blocked caller away', () => {
  it('answers <Reject> before anyone rings, and logs the call Not Held "Blocked"', async () => {
    await block(acme.supervisor, { number: '+12125550666', reason: 'Spam' });
    const sid = callSid('blocked');
    const response = await twilioPost(
      server,
      '/twilio/voice/incoming',
      { AccountSid: A.accountSid, CallSid: sid, From: '+12125550666', To: '+14155550100', CallStatus: 'ringing' },
      { authToken: A.authToken },
    );
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<Reject reason="busy"/>');
    expect(response.body).not.toContain('<Dial');
    const [row] = await server.database.db
      .select()
      .from(calls)
      .where(and(eq(calls.companyId, acme.id), eq(calls.providerCallId, sid)));
    expect(row).toMatchObject({ direction: 'Inbound', status: 'NotHeld', statusReason: 'Blocked' });

    // A caller not on the list still rings (or goes to voicemail): no <Reject>.
    const other = await twilioPost(
      server,
      '/twilio/voice/incoming',
      { AccountSid: A.accountSid, CallSid: callSid('ok'), From: '+12125550667', To: '+14155550100' },
      { authToken: A.authToken },
    );
    expect(other.body).not.toContain('<Reject');
  });

  it('refuses an agent’s outgoing call to a blocked number', async () => {
    const response = await twilioPost(
      server,
      '/twilio/voice/outgoing',
      {
        AccountSid: A.accountSid,
        CallSid: callSid('out'),
        From: `client:${voiceIdentityForUser(acme.agent.id)}`,
        To: '+12125550666',
        ApplicationSid: A.twimlAppSid,
      },
      { authToken: A.authToken },
    );
    expect(response.body).toContain('The company blocked this number: Spam');
    expect(response.body).not.toContain('<Dial');
  });
});

describe('the do_not_call disposition flags the call’s contact on the server', () => {
  it('applying the wrap-up’s call.update sets do-not-contact with reason, date and who', async () => {
    await importDirectory(server.database.db, acme.id, 'contacts', [
      {
        id: 'dnc-1',
        firstName: 'Bill',
        lastName: 'Lumbergh',
        accountId: null,
        timeZone: null,
        phones: [],
        createdAt: AT,
        updatedAt: AT,
      },
    ]);
    const client = clientIds('dnc')();
    const m = envelopes(Date.parse(AT), 'n1');
    const related = { type: 'contact', id: 'dnc-1', name: 'Bill Lumbergh' };
    const { body } = await as(server, acme.agent).push(client, [
      m(1, 'call.create', newCallArgs('dnc-call', { direction: 'Inbound', related })),
      m(2, 'call.setStatus', {
        id: 'dnc-call',
        to: 'Held',
        actualStart: '2026-03-10T11:50:00.000Z',
        actualEnd: '2026-03-10T11:55:00.000Z',
        at: AT,
      }),
      m(3, 'call.update', { id: 'dnc-call', set: { dispositionCode: 'do_not_call' }, at: AT }),
    ]);
    expect(body.outcomes.map((o) => o.status)).toEqual(['applied', 'applied', 'applied']);
    const [row] = await server.database.db
      .select({ data: contacts.data })
      .from(contacts)
      .where(and(eq(contacts.companyId, acme.id), eq(contacts.id, 'dnc-1')));
    expect(row!.data).toMatchObject({
      doNotContact: true,
      doNotContactReason: 'Asked not to be called again (call disposition)',
      doNotContactSince: AT,
      doNotContactBy: acme.agent.displayName,
    });
  });
});

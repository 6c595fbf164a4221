import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { agentPresence, calls, twilioConferences, twilioLegs, twilioRecordings } from '../../../src/server/db/schema';
import { importDirectory } from '../../../src/server/directory/store';
import { voiceIdentityForUser } from '../../../src/shared/voice/protocol';
import { seedCompany, startTestServer, type TestCompany, type TestServer } from '../helpers/server';
import { connectInput, connectTwilio } from './fixtures';
import { callSid, PUBLIC_URL, twilioPost } from './webhook-client';

let server: TestServer;
let acme: TestCompany;
const A = connectInput('a');

beforeAll(async () => {
  server = await startTestServer({ twilio: { publicUrl: PUBLIC_URL } });
  acme = await seedCompany(server, 'acme');
  await connectTwilio(server, acme.admin, 'a', { blockedNumbers: ['+14155550666'] });
  const at = '2026-03-01T00:00:00.000Z';
  await importDirectory(server.database.db, acme.id, 'accounts', [
    { id: 'acc-1', name: 'Initech', country: 'US', timeZone: null, phones: [], createdAt: at, updatedAt: at },
  ]);
  await importDirectory(server.database.db, acme.id, 'contacts', [
    {
      id: 'ct-1',
      firstName: 'Peter',
      lastName: 'Gibbons',
      accountId: 'acc-1',
      timeZone: null,
      phones: [{ kind: 'work', e164: '+12125550101' }],
      createdAt: at,
      updatedAt: at,
    },
    {
      id: 'ct-2',
      firstName: 'Milton',
      lastName: 'Waddams',
      accountId: 'acc-1',
      timeZone: null,
      doNotContact: true,
      doNotContactReason: 'asked not to be called',
      phones: [{ kind: 'work', e164: '+12125550199' }],
      createdAt: at,
      updatedAt: at,
    },
  ]);
});
afterAll(() => server.close());

async function setPresence(userId: string, availability: string, secondsAgo = 0) {
  const lastSeenAt = new Date(server.clock.now.getTime() - secondsAgo * 1000);
  await server.database.db
    .insert(agentPresence)
    .values({ companyId: acme.id, userId, availability, hlc: '0', lastSeenAt })
    .onConflictDoUpdate({ target: [agentPresence.companyId, agentPresence.userId], set: { availability, lastSeenAt } });
}

async function counts() {
  const { db } = server.database;
  return {
    calls: (await db.select().from(calls)).length,
    legs: (await db.select().from(twilioLegs)).length,
    recordings: (await db.select().from(twilioRecordings)).length,
    conferences: (await db.select().from(twilioConferences)).length,
  };
}

describe('webhooks refuse what Twilio did not sign', () => {
  const requests: [string, Record<string, string>][] = [
    [
      '/twilio/voice/incoming',
      { AccountSid: A.accountSid, CallSid: 'CA' + '1'.repeat(32), From: '+12125550101', To: '+14155550100' },
    ],
    [
      '/twilio/voice/outgoing',
      { AccountSid: A.accountSid, CallSid: 'CA' + '2'.repeat(32), From: 'client:agent_x', To: '+12125550101' },
    ],
    [
      '/twilio/voice/status?callId=x',
      { AccountSid: A.accountSid, CallSid: 'CA' + '3'.repeat(32), CallStatus: 'completed' },
    ],
    [
      '/twilio/voice/recording?callId=x&kind=call',
      {
        AccountSid: A.accountSid,
        CallSid: 'CA' + '4'.repeat(32),
        RecordingSid: 'RE' + '5'.repeat(32),
        RecordingUrl: 'https://api.twilio.com/r',
      },
    ],
    [
      '/twilio/voice/conference?callId=x',
      {
        AccountSid: A.accountSid,
        ConferenceSid: 'CF' + '6'.repeat(32),
        StatusCallbackEvent: 'participant-join',
        CallSid: 'CA' + '7'.repeat(32),
      },
    ],
    ['/twilio/voice/hold-music', { AccountSid: A.accountSid, CallSid: 'CA' + '8'.repeat(32) }],
  ];

  for (const [path, params] of requests) {
    it(`${path.split('?')[0]}: 403 and nothing written without, with a wrong, or with another account’s signature`, async () => {
      const before = await counts();
      for (const options of [
        { signature: null },
        { signature: 'bm90IGEgc2lnbmF0dXJl' },
        { authToken: connectInput('b').authToken },
        // Signed for another path: a signature is not transferable.
        {
          signature: (await import('twilio')).default.getExpectedTwilioSignature(
            A.authToken,
            `${PUBLIC_URL}/elsewhere`,
            params,
          ),
        },
      ]) {
        const response = await twilioPost(server, path, params, options);
        expect(response.statusCode).toBe(403);
        expect(response.body).not.toContain('<Response>');
      }
      expect(await counts()).toEqual(before);
    });
  }

  it('refuses a signed body whose fields were changed on the way', async () => {
    const params = requests[0]![1];
    const signature = (await import('twilio')).default.getExpectedTwilioSignature(
      A.authToken,
      `${PUBLIC_URL}/twilio/voice/incoming`,
      params,
    );
    const response = await twilioPost(
      server,
      '/twilio/voice/incoming',
      { ...params, From: '+19995550000' },
      { signature },
    );
    expect(response.statusCode).toBe(403);
  });
});

describe('outgoing: the TwiML App’s voice URL', () => {
  it('dials the number with the company’s caller ID, answer on bridge, status and recording callbacks, on the desktop’s record', async () => {
    const sid = callSid('out');
    const response = await twilioPost(
      server,
      '/twilio/voice/outgoing',
      {
        AccountSid: A.accountSid,
        ApplicationSid: A.twimlAppSid,
        CallSid: sid,
        From: `client:${voiceIdentityForUser(acme.agent.id)}`,
        To: '+12125550101',
        CrmCallId: 'desk-call-1',
        CallStatus: 'ringing',
      },
      { authToken: A.authToken },
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/xml/);
    expect(response.body).toContain(
      '<Dial callerId="+14155550100" answerOnBridge="true" record="record-from-answer-dual"',
    );
    expect(response.body).toContain(
      `recordingStatusCallback="${PUBLIC_URL}/twilio/voice/recording?callId=desk-call-1&amp;kind=call"`,
    );
    expect(response.body).toContain(
      `<Number statusCallback="${PUBLIC_URL}/twilio/voice/status?callId=desk-call-1" statusCallbackEvent="initiated ringing answered completed" statusCallbackMethod="POST">+12125550101</Number>`,
    );
    const [row] = await server.database.db.select().from(calls).where(eq(calls.id, 'desk-call-1'));
    expect(row).toMatchObject({
      companyId: acme.id,
      direction: 'Outbound',
      status: 'Planned',
      ownerId: acme.agent.id,
      toNumber: '+12125550101',
      fromNumber: '+14155550100',
      providerCallId: sid,
    });
  });

  it('refuses a do-not-contact, a blocked and a malformed number, saying why', async () => {
    const cases: [string, RegExp][] = [
      ['+12125550199', /Milton Waddams is marked do-not-contact: asked not to be called/],
      ['+14155550666', /blocked calls to this number/],
      ['0123', /not a full international number/],
    ];
    for (const [to, sentence] of cases) {
      const response = await twilioPost(
        server,
        '/twilio/voice/outgoing',
        {
          AccountSid: A.accountSid,
          CallSid: callSid('out'),
          From: `client:${voiceIdentityForUser(acme.agent.id)}`,
          To: to,
        },
        { authToken: A.authToken },
      );
      expect(response.body).toMatch(sentence);
      expect(response.body).toContain('<Hangup/>');
      expect(response.body).not.toContain('<Dial');
    }
    const refused = await server.database.db.select().from(calls).where(eq(calls.toNumber, '+12125550199'));
    expect(refused[0]).toMatchObject({ status: 'NotHeld' });
    expect(refused[0]!.statusReason).toMatch(/^Not dialed: Milton Waddams is marked do-not-contact/);
  });

  it('does not dial for an identity that is nobody in the company', async () => {
    const response = await twilioPost(
      server,
      '/twilio/voice/outgoing',
      { AccountSid: A.accountSid, CallSid: callSid('out'), From: 'client:agent_nobody', To: '+12125550101' },
      { authToken: A.authToken },
    );
    expect(response.body).not.toContain('<Dial');
  });
});

describe('incoming: the number’s voice URL', () => {
  beforeEach(async () => {
    await server.database.db.delete(agentPresence);
  });

  it('rings the Available agents seen lately, with the parent CallSid and the matched customer', async () => {
    await setPresence(acme.agent.id, 'Available', 10);
    await setPresence(acme.agent2.id, 'Away', 10);
    await setPresence(acme.supervisor.id, 'Available', 600); // not heard from for 10 minutes
    const sid = callSid('in');
    const response = await twilioPost(
      server,
      '/twilio/voice/incoming',
      { AccountSid: A.accountSid, CallSid: sid, From: '+12125550101', To: '+14155550100', CallStatus: 'ringing' },
      { authToken: A.authToken },
    );
    expect(response.statusCode).toBe(200);
    const xml = response.body;
    expect(xml.match(/<Client /g)).toHaveLength(1);
    expect(xml).toContain(`<Identity>${voiceIdentityForUser(acme.agent.id)}</Identity>`);
    expect(xml).toContain(`<Parameter name="ParentCallSid" value="${sid}"/>`);
    expect(xml).toContain('<Parameter name="CallerNumber" value="+12125550101"/>');
    expect(xml).toContain('<Parameter name="MatchType" value="contact"/>');
    expect(xml).toContain('<Parameter name="MatchId" value="ct-1"/>');
    expect(xml).toContain('<Parameter name="MatchName" value="Peter Gibbons"/>');
    const crmCallId = /name="CrmCallId" value="([^"]+)"/.exec(xml)![1]!;
    expect(xml).toContain(
      `<Dial timeout="25" answerOnBridge="true" action="${PUBLIC_URL}/twilio/voice/incoming?step=after-dial&amp;callId=${crmCallId}"`,
    );
    const [row] = await server.database.db.select().from(calls).where(eq(calls.id, crmCallId));
    expect(row).toMatchObject({
      direction: 'Inbound',
      status: 'Planned',
      fromNumber: '+12125550101',
      toNumber: '+14155550100',
      providerCallId: sid,
      relatedType: 'account',
      relatedId: 'acc-1',
    });
    expect(row!.participants).toContainEqual({ kind: 'contact', id: 'ct-1', role: 'attendee', name: 'Peter Gibbons' });
  });

  it('goes to voicemail with the greeting when nobody is available, and after the ring time when nobody answers', async () => {
    const sid = callSid('in');
    const response = await twilioPost(
      server,
      '/twilio/voice/incoming',
      { AccountSid: A.accountSid, CallSid: sid, From: '+12125550101', To: '+14155550100' },
      { authToken: A.authToken },
    );
    expect(response.body).toContain('<Say>Sorry, nobody can take your call right now.');
    expect(response.body).toMatch(
      /<Record maxLength="180" playBeep="true" timeout="5" action="[^"]+step=done[^"]+" method="POST" recordingStatusCallback="[^"]+kind=voicemail"/,
    );
    const after = await twilioPost(
      server,
      '/twilio/voice/incoming?step=after-dial&callId=x',
      { AccountSid: A.accountSid, CallSid: sid, From: '+12125550101', To: '+14155550100', DialCallStatus: 'no-answer' },
      { authToken: A.authToken },
    );
    expect(after.body).toContain('<Record ');
    const answered = await twilioPost(
      server,
      '/twilio/voice/incoming?step=after-dial&callId=x',
      { AccountSid: A.accountSid, CallSid: sid, From: '+12125550101', To: '+14155550100', DialCallStatus: 'completed' },
      { authToken: A.authToken },
    );
    expect(answered.body).toContain('<Hangup/>');
  });

  it('routes an anonymous or unparseable caller without matching anyone', async () => {
    await setPresence(acme.agent.id, 'Available');
    for (const from of ['+266696687', 'anonymous', '', 'client:someone']) {
      const response = await twilioPost(
        server,
        '/twilio/voice/incoming',
        { AccountSid: A.accountSid, CallSid: callSid('anon'), From: from, To: '+14155550100' },
        { authToken: A.authToken },
      );
      expect(response.body).toContain('<Client ');
      expect(response.body).not.toContain('MatchType');
      expect(response.body).not.toContain('CallerNumber');
    }
  });

  it('treats a retried voice request (same CallSid) as the same call', async () => {
    await setPresence(acme.agent.id, 'Available');
    const sid = callSid('retry');
    const params = { AccountSid: A.accountSid, CallSid: sid, From: '+12125550101', To: '+14155550100' };
    const first = await twilioPost(server, '/twilio/voice/incoming', params, { authToken: A.authToken });
    const second = await twilioPost(server, '/twilio/voice/incoming', params, { authToken: A.authToken });
    const id = (body: string) => /name="CrmCallId" value="([^"]+)"/.exec(body)![1];
    expect(id(second.body)).toBe(id(first.body));
    expect(await server.database.db.select().from(calls).where(eq(calls.providerCallId, sid))).toHaveLength(1);
  });
});

import { afterAll, beforeAll, beforeEach } from 'vitest';
import { importDirectory } from '../../../src/server/directory/store';
import { as, seedCompany, startTestServer, type TestCompany, type TestServer } from '../helpers/server';
import { base, CONFERENCE_SID, setAvailable } from './control-helpers';
import { startFakeTwilioRest, type FakeTwilioRest } from './fake-twilio-rest';
import { connectInput, connectTwilio } from './fixtures';
import { PUBLIC_URL } from './webhook-client';

/** Shared by the hold/transfer test files: one server each, the same setup. */

export let server: TestServer;
export let rest: FakeTwilioRest;
export let acme: TestCompany;
export let globex: TestCompany;
export const A = connectInput('a');
export const B = connectInput('b');
export const HOLD = { Hold: 'true', HoldUrl: `${PUBLIC_URL}/twilio/voice/hold-music`, HoldMethod: 'POST' };
/** The participant request that rings a transfer's target into the Conference. */
export const targetRung = (callId: string, target: { from: string; to: string; endOnExit: 'true' | 'false' }) => ({
  method: 'POST',
  path: `${base(A.accountSid)}/Conferences/${CONFERENCE_SID}/Participants.json`,
  form: {
    From: target.from,
    To: target.to,
    Label: 'transfer',
    Beep: 'false',
    EndConferenceOnExit: target.endOnExit,
    Timeout: '25',
    StatusCallback: `${PUBLIC_URL}/twilio/voice/status?callId=${callId}&leg=transfer`,
    StatusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
    StatusCallbackMethod: 'POST',
  },
});
/** The sid the fake gave the participant created last: CA000…0901, 0902… in order of creation. */
export const lastCreatedSid = () => {
  const created = rest.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/Participants.json')).length;
  return `CA${String(900 + created).padStart(32, '0')}`;
};

/** Where the REST requests of the test under way start. */
export let mark = 0;
export const markNow = () => {
  mark = rest.requests.length;
};

/** The server, two companies with Twilio connected, a directory and the fake REST server, for a test file. */
export function useControlServer(): void {
  // Two companies, a directory and a fake REST server: slow on a busy machine, hence the time allowed.
  beforeAll(async () => {
    rest = await startFakeTwilioRest();
    server = await startTestServer({ twilio: { publicUrl: PUBLIC_URL, restBaseUrl: rest.baseUrl } });
    acme = await seedCompany(server, 'acme');
    globex = await seedCompany(server, 'globex');
    await connectTwilio(server, acme.admin, 'a', { blockedNumbers: ['+12125550666'] });
    await connectTwilio(server, globex.admin, 'b');
    const at = '2026-03-01T00:00:00.000Z';
    await importDirectory(server.database.db, acme.id, 'accounts', [
      { id: 'acc-1', name: 'Initech', country: 'US', timeZone: null, phones: [], createdAt: at, updatedAt: at },
    ]);
    await importDirectory(server.database.db, acme.id, 'contacts', [
      {
        id: 'c-dnc',
        firstName: 'Dora',
        lastName: 'Nocall',
        accountId: 'acc-1',
        timeZone: null,
        doNotContact: true,
        doNotContactReason: 'asked not to be called',
        phones: [{ kind: 'work', e164: '+12125550777' }],
        createdAt: at,
        updatedAt: at,
      },
    ]);
    await setAvailable(server, acme.id, acme.agent.id);
  }, 180_000);
  afterAll(async () => {
    await server.close();
    await rest.close();
  });
  beforeEach(markNow);
}

export const post = (user: { token: string }, sid: string, path: string, body: unknown = {}) =>
  as(server, user).post(`/voice/calls/${sid}/${path}`, body);

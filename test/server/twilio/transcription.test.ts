import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { voicemailTwiml } from '../../../src/server/twilio/twiml';
import { as, clientIds, seedCompany, startTestServer, type TestCompany, type TestServer } from '../helpers/server';
import { CloudCore } from '../../twilio/fake-cloud-core';
import { childrenNamed, readTwiml } from '../../twilio/twiml-reader';
import { connectInput, connectTwilio } from './fixtures';
import { callSid, PUBLIC_URL, recordingSid, twilioPost } from './webhook-client';

/**
 * Transcripts on request: with the company's "transcribe recordings" on, the voicemail's
 * <Record> (built with the real `twilio` package) asks Twilio for a transcript and where
 * to post it; Twilio's signed callback stores it on the call, and the pull carries it to
 * the desktops (whose call drawer shows `transcript.text`). Off by default: Twilio bills it.
 */

let server: TestServer;
let acme: TestCompany;
const A = connectInput('a');
const newClient = clientIds('transcribe');

beforeAll(async () => {
  server = await startTestServer({ twilio: { publicUrl: PUBLIC_URL } });
  acme = await seedCompany(server, 'acme-transcribe');
});
afterAll(() => server.close());

/** Nobody is available: the caller goes to voicemail. Returns its <Record> verb. */
async function voicemailRecord() {
  const response = await twilioPost(
    server,
    '/twilio/voice/incoming',
    { AccountSid: A.accountSid, CallSid: callSid('vm'), From: '+12125550101', To: '+14155550100' },
    { authToken: A.authToken },
  );
  expect(response.statusCode).toBe(200);
  return childrenNamed(readTwiml(response.body), 'Record')[0]!;
}

describe('the voicemail TwiML', () => {
  it('asks for a transcript only when given where to post it, and keeps the message within what Twilio transcribes', () => {
    const base = { greeting: 'Leave a message', recordingUrl: 'https://x/r', doneUrl: 'https://x/d' };
    const plain = childrenNamed(readTwiml(voicemailTwiml(base)), 'Record')[0]!;
    expect(plain.attrs.transcribe).toBeUndefined();
    expect(plain.attrs.transcribeCallback).toBeUndefined();
    expect(plain.attrs.maxLength).toBe('180');
    const asked = childrenNamed(
      readTwiml(voicemailTwiml({ ...base, transcriptionUrl: 'https://x/t?callId=c1' })),
      'Record',
    )[0]!;
    expect(asked.attrs).toMatchObject({
      transcribe: 'true',
      transcribeCallback: 'https://x/t?callId=c1',
      maxLength: '120',
      recordingStatusCallback: 'https://x/r',
    });
  });
});

describe('the company setting "transcribe recordings"', () => {
  it('is off by default: the voicemail asks for no transcript', async () => {
    const view = await connectTwilio(server, acme.admin, 'a');
    expect(view.transcribeRecordings).toBe(false);
    const record = await voicemailRecord();
    expect(record.attrs.transcribe).toBeUndefined();
  });

  it('only an admin may turn it on', async () => {
    const refused = await as(server, acme.agent).request({
      method: 'PUT',
      url: '/admin/twilio',
      payload: connectInput('a', { transcribeRecordings: true }),
    });
    expect(refused.statusCode).toBe(403);
    const wrong = await as(server, acme.admin).request({
      method: 'PUT',
      url: '/admin/twilio',
      payload: connectInput('a', { transcribeRecordings: 'yes' }),
    });
    expect(wrong.statusCode).toBe(400);
  });

  it('on: the voicemail asks for one, and the signed callback files it on the call the desktops pull', async () => {
    const view = await connectTwilio(server, acme.admin, 'a', { transcribeRecordings: true });
    expect(view.transcribeRecordings).toBe(true);
    const record = await voicemailRecord();
    expect(record.attrs.transcribe).toBe('true');
    const callback = new URL(record.attrs.transcribeCallback!);
    expect(callback.origin + callback.pathname).toBe(`${PUBLIC_URL}/twilio/voice/transcription`);
    const callId = callback.searchParams.get('callId')!;
    const pathAndQuery = callback.pathname + callback.search;

    // What Twilio posts when the transcript is ready (the fake cloud's callback, field for field).
    const form = {
      AccountSid: A.accountSid,
      CallSid: callSid('vm'),
      RecordingSid: recordingSid(7),
      TranscriptionSid: `TR${'a'.repeat(32)}`,
      TranscriptionStatus: 'completed',
      TranscriptionText: CloudCore.voicemailWords,
      TranscriptionType: 'fast',
    };
    const forged = await twilioPost(server, pathAndQuery, form, { authToken: 'not-the-auth-token-0123456789' });
    expect(forged.statusCode).toBe(403);
    const signed = await twilioPost(server, pathAndQuery, form, { authToken: A.authToken });
    expect(signed.statusCode).toBe(204);
    const page = await as(server, acme.admin).pull(newClient(), null);
    expect(page.changes.calls.find((c) => c.id === callId)?.transcript).toMatchObject({
      text: CloudCore.voicemailWords,
      provider: 'twilio',
    });
  });
});

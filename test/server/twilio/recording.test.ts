import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, seedCompany, startTestServer, type TestCompany, type TestServer } from '../helpers/server';
import { startFakeTwilioRest, type FakeTwilioRest } from './fake-twilio-rest';
import { connectInput, connectTwilio } from './fixtures';
import { outboundScenario } from './scenarios';
import { PUBLIC_URL, twilioPost } from './webhook-client';

let server: TestServer;
let rest: FakeTwilioRest;
let acme: TestCompany;
let globex: TestCompany;
const A = connectInput('a');
let callId: string;
let recordingSidValue: string;

beforeAll(async () => {
  rest = await startFakeTwilioRest();
  server = await startTestServer({ twilio: { publicUrl: PUBLIC_URL, restBaseUrl: rest.baseUrl } });
  acme = await seedCompany(server, 'acme');
  globex = await seedCompany(server, 'globex');
  await connectTwilio(server, acme.admin, 'a');
  const scenario = outboundScenario(A.accountSid, acme.agent.id, 'recorded-call', '+12125550101', 'answered');
  callId = scenario.crmCallId;
  for (const step of [...scenario.ordered, ...scenario.callbacks]) {
    // The recording lives on the fake REST server, as it would on api.twilio.com.
    const params = step.params['RecordingUrl']
      ? { ...step.params, RecordingUrl: step.params['RecordingUrl'].replace('https://api.twilio.com', rest.baseUrl) }
      : step.params;
    if (params['RecordingSid']) recordingSidValue = params['RecordingSid'];
    await twilioPost(server, step.path, params, { authToken: A.authToken });
  }
  rest.recordings.set(recordingSidValue, Buffer.from('ID3-fake-mp3-bytes'));
});
afterAll(async () => {
  await server.close();
  await rest.close();
});

describe('GET /calls/:id/recording', () => {
  it('streams the recording to the call’s agent, fetched with the API key, without revealing where from', async () => {
    const call = (await as(server, acme.agent).get(`/calls/${callId}`)).json<{ call: { recordingUrl: string } }>();
    expect(JSON.stringify(call)).not.toContain(rest.baseUrl);
    expect(JSON.stringify(call)).toContain(`${PUBLIC_URL}/calls/${callId}/recording`);
    const response = await as(server, acme.agent).get(`/calls/${callId}/recording`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('audio/mpeg');
    expect(response.headers['x-recording-duration']).toBe('90');
    expect(response.body).toBe('ID3-fake-mp3-bytes');
    expect(JSON.stringify(response.headers)).not.toContain(rest.baseUrl);
    const fetched = rest.requests.filter((request) => request.path.endsWith('.mp3'));
    expect(fetched.at(-1)).toMatchObject({
      method: 'GET',
      path: `/2010-04-01/Accounts/${A.accountSid}/Recordings/${recordingSidValue}.mp3`,
      username: A.apiKeySid,
    });
  });

  it('is not found for an agent who is not on the call, nor for another company', async () => {
    expect((await as(server, acme.agent2).get(`/calls/${callId}/recording`)).statusCode).toBe(404);
    expect((await as(server, globex.admin).get(`/calls/${callId}/recording`)).statusCode).toBe(404);
    expect((await server.app.inject({ method: 'GET', url: `/calls/${callId}/recording` })).statusCode).toBe(401);
  });

  it('says so in words when Twilio does not hand the media over', async () => {
    rest.recordings.delete(recordingSidValue);
    const response = await as(server, acme.supervisor).get(`/calls/${callId}/recording`);
    expect(response.statusCode).toBe(502);
    expect(response.json().message).toMatch(/Twilio did not hand over the recording/);
  });
});

import { describe, expect, it } from 'vitest';
import { mintVoiceToken } from '../../src/server/twilio/token';
import { ringAgentsTwiml, voicemailTwiml } from '../../src/server/twilio/twiml';
import { accessTokenProblem, testCloudAccount } from './fake-cloud-account';
import { childrenNamed, readTwiml } from './twiml-reader';

/** The fake cloud's own checks, so an end-to-end run never passes on a fake that reads nothing. */

const account = testCloudAccount(['+14155550100']);
const server = { ...account, companyId: 'c1', apiSecret: account.apiSecret } as Parameters<typeof mintVoiceToken>[0];

describe('the fake gateway checks access tokens as Twilio does', () => {
  it('accepts the CRM server’s token and refuses a forged, foreign or expired one', () => {
    const { token } = mintVoiceToken(server, 'user-1');
    expect(accessTokenProblem(token, account)).toBeNull();
    expect(
      accessTokenProblem(
        mintVoiceToken({ ...server, apiSecret: 'another-secret-0123456789abcdef' }, 'u').token,
        account,
      ),
    ).toBe('signature does not match');
    expect(accessTokenProblem(token, { ...account, twimlAppSid: `AP${'d'.repeat(32)}` })).toBe('another TwiML App');
    expect(accessTokenProblem(token, account, Date.now() + 2 * 3600_000)).toBe('expired');
    expect(accessTokenProblem('not.a.jwt', account)).not.toBeNull();
  });
});

describe('the fake cloud reads the server’s TwiML', () => {
  it('reads <Dial> with its <Client>s, <Identity> and <Parameter>s, decoding entities', () => {
    const xml = ringAgentsTwiml({
      identities: ['agent_a', 'agent_b'],
      ringSeconds: 8,
      afterDialUrl: 'https://crm.example.com/twilio/voice/incoming?step=after-dial&callId=c1',
      record: true,
      urls: { status: 'https://crm.example.com/s', recording: 'https://crm.example.com/r' },
      parameters: { parentCallSid: 'CA1', matchName: 'Peter & "Sons" <Ltd>' },
    });
    const dial = childrenNamed(readTwiml(xml), 'Dial')[0]!;
    expect(dial.attrs).toMatchObject({
      timeout: '8',
      action: 'https://crm.example.com/twilio/voice/incoming?step=after-dial&callId=c1',
      record: 'record-from-answer-dual',
    });
    const clients = childrenNamed(dial, 'Client');
    expect(clients.map((client) => childrenNamed(client, 'Identity')[0]!.text)).toEqual(['agent_a', 'agent_b']);
    expect(
      Object.fromEntries(childrenNamed(clients[0]!, 'Parameter').map((p) => [p.attrs.name, p.attrs.value])),
    ).toEqual({
      ParentCallSid: 'CA1',
      MatchName: 'Peter & "Sons" <Ltd>',
    });
  });

  it('reads <Say> and <Record>, and refuses what is not TwiML', () => {
    const response = readTwiml(
      voicemailTwiml({ greeting: 'Leave a message', recordingUrl: 'https://x/r', doneUrl: 'https://x/d' }),
    );
    expect(response.children.map((verb) => verb.name)).toEqual(['Say', 'Record']);
    expect(response.children[0]!.text).toBe('Leave a message');
    expect(() => readTwiml('<Response><Dial></Response>')).toThrow();
    expect(() => readTwiml('<Nope/>')).toThrow();
  });
});

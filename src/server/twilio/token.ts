import twilio from 'twilio';
import type { VoiceTokenResponse } from '../../shared/voice/protocol';
import { voiceIdentityForUser } from '../../shared/voice/protocol';
import type { TwilioAccount } from './settings';

export const VOICE_TOKEN_TTL_SECONDS = 3600;

/**
 * A Twilio access token for an agent's Device: incoming calls to their client identity,
 * outgoing calls through the company's TwiML App. Signed with the API key secret, which
 * never leaves the server.
 */
export function mintVoiceToken(account: TwilioAccount, userId: string): VoiceTokenResponse {
  const identity = voiceIdentityForUser(userId);
  const token = new twilio.jwt.AccessToken(account.accountSid, account.apiKeySid, account.apiSecret, {
    identity,
    ttl: VOICE_TOKEN_TTL_SECONDS,
  });
  token.addGrant(
    new twilio.jwt.AccessToken.VoiceGrant({ outgoingApplicationSid: account.twimlAppSid, incomingAllow: true }),
  );
  const jwt = token.toJwt();
  // The package stamps iat from the machine's clock; the expiry we report is the token's own.
  const exp = decodeExp(jwt);
  return {
    token: jwt,
    identity,
    expiresAt: new Date(exp * 1000).toISOString(),
    ttlSeconds: VOICE_TOKEN_TTL_SECONDS,
  };
}

function decodeExp(jwt: string): number {
  const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as { exp: number };
  return payload.exp;
}

import twilio from 'twilio';
import type { TestServer } from '../helpers/server';

export const PUBLIC_URL = 'https://crm.example.com';

/** Posts a form to one of our webhooks the way Twilio does: signed over PUBLIC_URL + path + query. */
export async function twilioPost(
  server: TestServer,
  pathAndQuery: string,
  params: Record<string, string>,
  options: { authToken?: string; signature?: string | null } = {},
) {
  const signature =
    options.signature === undefined
      ? twilio.getExpectedTwilioSignature(options.authToken ?? '', PUBLIC_URL + pathAndQuery, params)
      : options.signature;
  return server.app.inject({
    method: 'POST',
    url: pathAndQuery,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(signature === null ? {} : { 'x-twilio-signature': signature }),
    },
    payload: new URLSearchParams(params).toString(),
  });
}

let counter = 0;
/** A fresh, well-formed CallSid (the tag is for the reader; sids are 32 hex digits). */
export function callSid(_tag = ''): string {
  counter += 1;
  return `CA${counter.toString(16).padStart(32, '0')}`;
}

export function recordingSid(n: number): string {
  return `RE${String(n).padStart(32, '0')}`;
}

/** Twilio's Timestamp format. */
export function rfc2822(iso: string): string {
  return new Date(iso).toUTCString().replace('GMT', '+0000');
}

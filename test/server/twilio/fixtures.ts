import type { TestServer } from '../helpers/server';
import { as } from '../helpers/server';

/** A Twilio connection as an admin would enter it (fake, well-formed SIDs). */
export function connectInput(tag: 'a' | 'b' = 'a', overrides: Record<string, unknown> = {}) {
  const hex = (c: string) => c.repeat(32);
  return {
    accountSid: `AC${hex(tag === 'a' ? '1' : '2')}`,
    authToken: tag === 'a' ? 'auth-token-of-company-a-0123456789' : 'auth-token-of-company-b-0123456789',
    apiKeySid: `SK${hex(tag === 'a' ? '3' : '4')}`,
    apiSecret: tag === 'a' ? 'api-secret-of-company-a-0123456789' : 'api-secret-of-company-b-0123456789',
    twimlAppSid: `AP${hex(tag === 'a' ? '5' : '6')}`,
    numbers: tag === 'a' ? ['+14155550100', '+14155550101'] : ['+442071838750'],
    recordCalls: true,
    ...overrides,
  };
}

export async function connectTwilio(
  server: TestServer,
  admin: { token: string },
  tag: 'a' | 'b' = 'a',
  overrides = {},
) {
  const response = await as(server, admin).request({
    method: 'PUT',
    url: '/admin/twilio',
    payload: connectInput(tag, overrides),
  });
  if (response.statusCode !== 200) throw new Error(`connect failed ${response.statusCode}: ${response.body}`);
  return response.json<Record<string, unknown>>();
}

import type { Page } from '@playwright/test';
import { expect, test } from './twilio-rig';

function dock(page: Page) {
  return page.getByRole('complementary', { name: 'Phone' });
}

test('the real Voice SDK registers with the fake Twilio using a token from the CRM server', async ({ rig }) => {
  const listen = rig.fake.frames('listen')[0]!;
  expect(listen.payload.token).toBe(rig.fake.tokens[0]);
  expect(rig.front.tokensIssued).toBeGreaterThanOrEqual(1);
  const register = await rig.fake.waitFor('register');
  expect(register.payload.media).toEqual({ audio: true });
  const state = await rig.invoke('line.state', {});
  expect(state).toMatchObject({ line: 'twilio', registration: 'registered' });
});

import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';

/**
 * The sign-in form refuses a CRM server reached over plain http:// unless it is this
 * computer: the password would cross the network in clear. No server is needed to see
 * the refusal, which is the point: nothing is sent.
 */

async function openSignIn(page: Page) {
  await page.getByRole('button', { name: /^Sync:/ }).click();
  await page.getByRole('dialog', { name: 'Sync details' }).getByRole('button', { name: 'Sign in' }).click();
  return page.getByRole('dialog', { name: 'Sign in to the CRM server' });
}

for (const size of [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
]) {
  test(`sign-in refuses http:// to a remote server in plain words (${size.width}×${size.height})`, async ({
    page,
    host,
  }) => {
    await page.setViewportSize(size);
    await page.goto(host.url);
    const login = await openSignIn(page);
    await login.getByLabel('Server').fill('http://crm.example.com');
    await login.getByLabel('Company').fill('acme');
    await login.getByLabel('Email').fill('ana@acme.test');
    await login.getByLabel('Password').fill('correct horse');
    await login.getByRole('button', { name: 'Sign in' }).click();
    await expect(login.getByRole('alert')).toHaveText(
      /Use an https:\/\/ address for this server: over http:\/\/ your password would travel unencrypted/,
    );
    // Still signed out, and the form keeps what was typed so the agent only fixes the address.
    await expect(login).toBeVisible();
    await expect(login.getByLabel('Server')).toHaveValue('http://crm.example.com');
    await expect(page.getByTestId('sync-state')).toHaveText('Not signed in');
    await expectNoAxeViolations(page, 'sign-in with an insecure server address');
    await page.screenshot({ path: `docs/screenshots/sign-in-insecure-${size.width}.png` });

    // Nothing was remembered: after a reload the form does not offer the refused address.
    await page.reload();
    const again = await openSignIn(page);
    await expect(again.getByLabel('Server')).not.toHaveValue('http://crm.example.com');
  });
}

import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { answerInbound, demoContact, dock, screenshotsAtLaptopSizes } from './console';
import { startCrmServer, type CrmServer } from './crm-server';
import { expect, test } from './fixtures';

// A company set up with the server CLI and a server started per test: slow on a shared machine.
test.describe.configure({ timeout: 240_000 });

const supervisor = { email: 'sup@acme.test', password: 'a supervisor passphrase' };

async function signIn(page: Page, crm: CrmServer, who: { email: string; password: string }) {
  await page.getByRole('button', { name: /^Sync:/ }).click();
  await page.getByRole('dialog', { name: 'Sync details' }).getByRole('button', { name: 'Sign in' }).click();
  const login = page.getByRole('dialog', { name: 'Sign in to the CRM server' });
  await login.getByLabel('Server').fill(crm.url);
  await login.getByLabel('Company').fill(crm.company);
  await login.getByLabel('Email').fill(who.email);
  await login.getByLabel('Password').fill(who.password);
  await login.getByRole('button', { name: 'Sign in' }).click();
  await expect(login).toBeHidden();
}

test('a supervisor blocks a number; a call from it is rejected before it rings and logged Not Held (Blocked)', async ({
  page,
  host,
}) => {
  const crm = await startCrmServer({
    setup: (cli) =>
      cli(
        'create-user',
        '--company',
        'acme',
        '--email',
        supervisor.email,
        '--password',
        supervisor.password,
        '--role',
        'supervisor',
        '--name',
        'Sam Supervisor',
      ),
  });
  try {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${host.url}/#/settings`);
    const card = page.getByRole('region', { name: 'Blocked numbers' });
    await expect(card).toContainText('Sign in to the CRM server');
    await signIn(page, crm, supervisor);

    const form = card.getByRole('form', { name: 'Block a number' });
    // Not a number: refused in words, nothing added.
    await form.getByLabel('Number').fill('call me');
    await form.getByRole('button', { name: 'Block number' }).click();
    await expect(form.getByRole('alert')).toContainText('is not a phone number');
    await form.getByLabel('Number').fill('(415) 555-0666');
    await form.getByLabel('Reason').fill('Robocaller');
    await form.getByRole('button', { name: 'Block number' }).click();
    const row = card.getByRole('row', { name: /\+1 415 555 0666/ });
    await expect(row).toContainText('Robocaller');
    await expect(row).toContainText('Sam Supervisor');

    // Read back after a reload: the desktop's copy of the server's list.
    await page.reload();
    await expect(page.getByRole('row', { name: /\+1 415 555 0666/ })).toContainText('Robocaller');
    await expectNoAxeViolations(page, 'settings with blocked numbers');
    await page.getByRole('region', { name: 'Blocked numbers' }).scrollIntoViewIfNeeded();
    await screenshotsAtLaptopSizes(page, 'blocked-numbers');

    // The blocked number calls: nothing rings, the call is logged.
    await expect(dock(page).getByText('Ready for calls.')).toBeVisible();
    await host.invoke('dev.injectInbound', { from: '+14155550666' });
    await page.waitForTimeout(500);
    await expect(dock(page).getByRole('button', { name: /^Answer/ })).toHaveCount(0);
    const { items } = await host.invoke('calls.list', { limit: 5, direction: 'Inbound' });
    const logged = items.find((c) => c.fromNumber === '+14155550666');
    expect(logged).toMatchObject({ status: 'NotHeld', statusReason: 'Blocked' });
    await page.goto(`${host.url}/#/calls/${logged!.id}`);
    await page.reload();
    const detail = page.locator('article.detail');
    await expect(detail).toContainText('Not Held');
    await expect(detail).toContainText('Blocked');

    // Another caller still rings.
    await host.invoke('dev.injectInbound', { from: '+14155550111' });
    await expect(dock(page).getByRole('button', { name: /^Answer/ })).toBeVisible();
  } finally {
    await crm.dispose();
  }
});

test('the "Do not call again" disposition flags the contact, and click-to-dial then refuses their number', async ({
  page,
  host,
}) => {
  const caller = await demoContact(host);
  await page.goto(host.url);
  const panel = await answerInbound(page, host, caller.e164);
  await panel.getByRole('button', { name: /^Hang up/ }).click();
  const form = dock(page).getByRole('form', { name: 'Wrap-up' });
  await form.getByLabel('Outcome').fill('Asked us to stop calling');
  await form.getByLabel('Disposition').selectOption({ label: 'Do not call again' });
  await form.getByRole('button', { name: 'Save and finish' }).click();
  await expect(form).toBeHidden();

  await page.goto(`${host.url}/#/contacts/contact/${caller.id}`);
  await page.reload();
  const detail = page.getByRole('article', { name: `Contact: ${caller.name}` });
  const note = detail.getByRole('note');
  await expect(note).toContainText('Asked not to be called again (call disposition)');
  await expect(note).toContainText(/Since .*, set by /);
  await detail.locator('.phone-link').first().click();
  const sheet = page.getByRole('dialog', { name: 'Place call' });
  await expect(sheet.getByRole('alert')).toContainText('Blocked: do not contact.');
  await expect(sheet.getByRole('button', { name: 'Call' })).toHaveCount(0);
});

import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { screenshotsAtLaptopSizes } from './console';
import { startCrmServer, type CrmServer } from './crm-server';
import { expect, test } from './fixtures';

// A company set up with the server CLI and a server started for the test: slow on a shared machine.
test.describe.configure({ timeout: 480_000 });

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

const companyForm = (page: Page) =>
  page.getByRole('region', { name: 'Company' }).getByRole('form', { name: 'Company settings' });

/** Opens a screen by its address (a new hash alone does not switch screens: reload). */
async function open(page: Page, host: { url: string }, screen: string) {
  await page.goto(`${host.url}/#/${screen}`);
  await page.reload();
}

/** The first call in triage: after-hours calls come first. */
async function firstInTriage(page: Page, host: { url: string }) {
  await open(page, host, 'triage');
  return page.getByRole('region', { name: 'Triage' }).getByRole('article');
}

test('an admin sets the company’s hours and new-caller rule; they read back after a reload and triage follows them', async ({
  page,
  host,
}) => {
  const crm = await startCrmServer();
  try {
    await host.invoke('demo.remove', {});
    await host.invoke('settings.update', { timeZone: 'America/New_York' });
    // 10:00 in New York both times: Sunday 29 November and Tuesday 1 December 2026.
    for (const [subject, at] of [
      ['Sunday caller', '2026-11-29T15:00:00.000Z'],
      ['Tuesday caller', '2026-12-01T15:00:00.000Z'],
    ]) {
      await host.invoke('calls.create', {
        direction: 'Inbound',
        subject: subject!,
        status: 'NotHeld',
        reason: 'Caller hung up',
        actualStart: at!,
      });
    }
    // The defaults (Monday to Friday, 08:00 to 18:00 in the agent's zone): Sunday is after hours.
    let card = await firstInTriage(page, host);
    await expect(card.getByRole('heading', { name: 'Sunday caller' })).toBeVisible();
    await expect(card).toContainText('After hours');

    await page.setViewportSize({ width: 1366, height: 768 });
    await open(page, host, 'settings');
    const region = page.getByRole('region', { name: 'Company' });
    await expect(region).toContainText('Signed out: this desktop uses the defaults.');
    await expect(companyForm(page).getByRole('checkbox', { name: 'Monday' })).toBeDisabled();
    await expect(companyForm(page).getByRole('button', { name: 'Save company settings' })).toHaveCount(0);
    // The desktop's own form no longer offers the switch: there is one, the company's.
    await expect(page.getByLabel(/Unknown callers the agent names/)).toHaveCount(1);
    await expectNoAxeViolations(page, 'settings signed out, the company section read-only');

    await signIn(page, crm, crm.admin);
    const form = companyForm(page);
    await expect(form.getByRole('button', { name: 'Save company settings' })).toBeVisible();
    await expect(region).toContainText('Business hours are not set yet');
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) {
      await form.getByRole('checkbox', { name: day }).uncheck();
    }
    // No day at all is refused in words, before anything is sent.
    await form.getByRole('button', { name: 'Save company settings' }).click();
    await expect(form.getByRole('alert')).toHaveText('Choose at least one opening day.');
    await form.getByRole('checkbox', { name: 'Sunday' }).check();
    await form.getByLabel('Opens').fill('09:00');
    await form.getByLabel('Closes').fill('17:00');
    await form.getByLabel('Company zone').fill('Europe/London');
    await form.getByLabel(/Unknown callers the agent names/).uncheck();
    await form.getByRole('button', { name: 'Save company settings' }).click();
    await expect(page.getByText('Company settings saved for everyone in the company.')).toBeVisible();
    await expect(form.getByRole('alert')).toHaveCount(0);

    // Read back after a reload: the desktop's copy of what the server stored.
    await page.reload();
    const again = companyForm(page);
    await expect(again.getByRole('checkbox', { name: 'Sunday' })).toBeChecked();
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']) {
      await expect(again.getByRole('checkbox', { name: day })).not.toBeChecked();
    }
    await expect(again.getByLabel('Opens')).toHaveValue('09:00');
    await expect(again.getByLabel('Closes')).toHaveValue('17:00');
    await expect(again.getByLabel('Company zone')).toHaveValue('Europe/London');
    await expect(again.getByLabel(/Unknown callers the agent names/)).not.toBeChecked();
    await expect(page.getByRole('region', { name: 'Company' })).not.toContainText('not set yet');
    await expectNoAxeViolations(page, 'settings with the company section');
    await page.getByRole('region', { name: 'Company' }).scrollIntoViewIfNeeded();
    await screenshotsAtLaptopSizes(page, 'company-settings');

    // Triage now reads the company's hours in London: Sunday 15:00 is open, Tuesday is after hours.
    card = await firstInTriage(page, host);
    await expect(card.getByRole('heading', { name: 'Tuesday caller' })).toBeVisible();
    await expect(card).toContainText('After hours');
    const queue = await host.invoke('triage.queue', {});
    expect(Object.fromEntries(queue.items.map((i) => [i.call.subject, i.afterHours]))).toEqual({
      'Tuesday caller': true,
      'Sunday caller': false,
    });

    // The server gone: saving says it needs the server, and the form keeps what was typed.
    await open(page, host, 'settings');
    await crm.dispose();
    const offline = companyForm(page);
    await offline.getByRole('checkbox', { name: 'Saturday' }).check();
    await offline.getByLabel('Closes').fill('16:30');
    await offline.getByRole('button', { name: 'Save company settings' }).click();
    await expect(offline.getByRole('alert')).toContainText('kept on the CRM server, which cannot be reached now');
    await expect(offline.getByRole('checkbox', { name: 'Saturday' })).toBeChecked();
    await expect(offline.getByLabel('Closes')).toHaveValue('16:30');
  } finally {
    await crm.dispose();
  }
});

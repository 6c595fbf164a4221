/**
 * Every form in the console, saved through the UI and read back through the UI after a
 * page reload: a form that cannot save (Settings could not, issue 7) can never land again.
 */
import type { Page } from '@playwright/test';
import { answerInbound, demoContact, dock } from './console';
import { startCrmServer } from './crm-server';
import { expect, test } from './fixtures';

async function reload(page: Page) {
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

test('Settings: every field saves and reads back after a reload (no ringer device chosen)', async ({ page, host }) => {
  await page.goto(`${host.url}/#/settings`);
  const form = page.getByRole('region', { name: 'Settings' }).locator('form');
  await form.getByLabel('Display name').fill('Dana Whitfield');
  await form.getByLabel('Default region').fill('GB');
  await form.getByLabel('Time zone').fill('Europe/London');
  await form.getByLabel('Ringer output').selectOption({ label: 'System default' });
  await form.getByLabel(/Dial links at once/).check();
  await form.getByLabel('Numbers flagged do-not-contact').selectOption('warn');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await expect(form.getByRole('alert')).toHaveCount(0);

  await reload(page);
  const again = page.getByRole('region', { name: 'Settings' }).locator('form');
  await expect(again.getByLabel('Display name')).toHaveValue('Dana Whitfield');
  await expect(again.getByLabel('Default region')).toHaveValue('GB');
  await expect(again.getByLabel('Time zone')).toHaveValue('Europe/London');
  await expect(again.getByLabel('Ringer output')).toHaveValue('');
  await expect(again.getByLabel(/Dial links at once/)).toBeChecked();
  await expect(again.getByLabel('Numbers flagged do-not-contact')).toHaveValue('warn');
  // The new-caller rule is the company's (Settings → Company): one switch on the page, not one per form.
  await expect(page.getByLabel(/Unknown callers the agent names/)).toHaveCount(1);
  await expect(page.getByRole('form', { name: 'Company settings' }).getByLabel(/Unknown callers/)).toHaveCount(1);
  await expect(page.locator('.agent-name')).toHaveText('Dana Whitfield');
});

test('Settings: an unknown time zone is refused in plain words and nothing is saved', async ({ page, host }) => {
  await page.goto(`${host.url}/#/settings`);
  const form = page.getByRole('region', { name: 'Settings' }).locator('form');
  await form.getByLabel('Time zone').fill('Atlantis/Capital');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    '“Atlantis/Capital” is not a time zone Switchboard knows. Pick one from the list, such as America/New_York or Europe/Berlin.',
  );
  expect((await host.invoke('settings.get', {})).timeZone).not.toBe('Atlantis/Capital');
});

test('Settings: a region code with no numbering plan (UK) is refused in plain words and nothing is saved', async ({
  page,
  host,
}) => {
  await page.goto(`${host.url}/#/settings`);
  const form = page.getByRole('region', { name: 'Settings' }).locator('form');
  await form.getByLabel('Default region').fill('uk');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    '“UK” is not a country code Switchboard knows. Use the two-letter code, such as US, GB or DE. For the United Kingdom it is GB.',
  );
  expect((await host.invoke('settings.get', {})).defaultRegion).toBe('US');
  await reload(page);
  await expect(page.getByRole('region', { name: 'Settings' }).getByLabel('Default region')).toHaveValue('US');
});

test('Settings: a time zone typed in lower case reads back as the zone database spells it', async ({ page, host }) => {
  await page.goto(`${host.url}/#/settings`);
  const form = page.getByRole('region', { name: 'Settings' }).locator('form');
  await form.getByLabel('Time zone').fill('europe/london');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await reload(page);
  await expect(page.getByRole('region', { name: 'Settings' }).getByLabel('Time zone')).toHaveValue('Europe/London');
});

test('Settings: a display name longer than the limit stops at 100 characters and saves', async ({ page, host }) => {
  await page.goto(`${host.url}/#/settings`);
  const form = page.getByRole('region', { name: 'Settings' }).locator('form');
  await form.getByLabel('Display name').fill('');
  await form.getByLabel('Display name').pressSequentially('N'.repeat(120));
  await form.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await expect(form.getByRole('alert')).toHaveCount(0);
  await reload(page);
  await expect(page.getByRole('region', { name: 'Settings' }).getByLabel('Display name')).toHaveValue('N'.repeat(100));
});

test('New call: subject, direction, planned time and zone read back after a reload', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'New call' }).click();
  const sheet = page.getByRole('dialog', { name: 'New call' });
  await sheet.getByLabel('Subject').fill('Forms e2e: onboarding call');
  await sheet.getByText('Inbound', { exact: true }).click();
  await sheet.getByLabel('Planned for').fill('2027-05-04T10:15');
  await sheet.getByLabel('Time zone').fill('Europe/Berlin');
  await sheet.getByRole('button', { name: 'Plan call' }).click();
  await expect(sheet).toBeHidden();

  await reload(page); // the route keeps the new call open
  const detail = page.getByRole('article', { name: 'Call: Forms e2e: onboarding call' });
  await expect(detail.locator('.badge')).toHaveText('Planned');
  await expect(detail.locator('dd').nth(0)).toHaveText('Inbound');
  await expect(detail.locator('dd').nth(1)).toContainText('(Europe/Berlin)');
  await expect(detail.locator('dd').nth(1)).toContainText(/May 4, 2027/);
});

test('Status change: Not Held with its reason, and Held with its times, read back after a reload', async ({
  page,
  host,
}) => {
  await host.invoke('settings.update', { timeZone: 'UTC' });
  const notHeld = await host.invoke('calls.create', { direction: 'Outbound', subject: 'Forms e2e: not reached' });
  const held = await host.invoke('calls.create', { direction: 'Outbound', subject: 'Forms e2e: reached' });

  await page.goto(`${host.url}/#/calls/${notHeld.id}`);
  await page.getByRole('button', { name: 'Mark Not Held' }).click();
  const sheet = page.getByRole('dialog', { name: 'Mark Not Held' });
  await sheet.getByLabel('Reason').fill('Customer on leave until Monday');
  await sheet.getByRole('button', { name: 'Save' }).click();
  await expect(sheet).toBeHidden();
  await reload(page);
  const first = page.getByRole('article', { name: 'Call: Forms e2e: not reached' });
  await expect(first.locator('.detail-header .badge')).toHaveText('Not Held');
  await expect(first).toContainText('Customer on leave until Monday');

  await page.goto(`${host.url}/#/calls/${held.id}`);
  await reload(page);
  await page.getByRole('button', { name: 'Mark Held' }).click();
  const heldSheet = page.getByRole('dialog', { name: 'Mark Held' });
  await heldSheet.getByLabel(/Actual start/).fill('2026-03-02T09:05');
  await heldSheet.getByLabel(/Actual end/).fill('2026-03-02T09:23');
  await heldSheet.getByRole('button', { name: 'Save' }).click();
  await expect(heldSheet).toBeHidden();
  await reload(page);
  const second = page.getByRole('article', { name: 'Call: Forms e2e: reached' });
  await expect(second.locator('.detail-header .badge')).toHaveText('Held');
  await expect(second.getByTestId('detail-duration')).toHaveText('18 min');
  await expect(second.locator('dd:not([data-testid="detail-reminders"])').nth(2)).toHaveText(/Mar 2, 2026,? 9:05\sAM/);
});

test('Wrap-up: disposition, outcome and follow-up task read back after a reload', async ({ page, host }) => {
  const caller = await demoContact(host);
  await page.goto(host.url);
  const panel = await answerInbound(page, host, caller.e164);
  await panel.getByRole('button', { name: /^Hang up/ }).click();
  const form = dock(page).getByRole('form', { name: 'Wrap-up' });
  // The click returns before the core has ended the call and opened its wrap-up.
  await expect(form).toBeVisible();
  const callId = (await host.invoke('wrapup.get', {}))!.callId;
  await form.getByLabel('Outcome').fill('Forms e2e: renewal agreed');
  await form.getByLabel('Notes').fill('Wants the invoice by post.');
  const disposition = form.getByLabel('Disposition');
  await disposition.selectOption({ index: 1 });
  const code = await disposition.inputValue();
  const label = (await disposition.locator(`option[value="${code}"]`).innerText()).trim();
  await form.getByLabel('Create a follow-up task').check();
  await form.getByLabel('Task', { exact: true }).fill('Forms e2e: send the invoice');
  await form.getByRole('button', { name: 'Save and finish' }).click();
  await expect(dock(page).getByText('Ready for calls.')).toBeVisible();

  await page.goto(`${host.url}/#/calls/${callId}`);
  await reload(page);
  const detail = page.locator('article.detail');
  await expect(detail.locator('.detail-header .badge')).toHaveText('Held');
  await expect(detail).toContainText('Forms e2e: renewal agreed');
  await expect(detail).toContainText(new RegExp(`${label}|${code}`));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Tasks' }).click();
  await expect(page.getByText('Forms e2e: send the invoice')).toBeVisible();
  const notes = await host.invoke('calls.notes', { callId });
  expect(notes.items.map((n) => n.body)).toContain('Wants the invoice by post.');
});

test('Contact: a contact created from the pop reads back after a reload', async ({ page, host }) => {
  await page.goto(host.url);
  await host.invoke('dev.injectInbound', { from: '+14155550166' });
  await dock(page).getByRole('button', { name: 'Create contact' }).click();
  const sheet = page.getByRole('dialog', { name: 'Create contact' });
  await sheet.getByLabel('First name').fill('Morgan');
  await sheet.getByLabel('Last name').fill('Formsby');
  await sheet.getByLabel('Title').fill('Head of Facilities');
  await sheet.getByRole('button', { name: 'Create contact' }).click();
  await expect(sheet).toBeHidden();
  await host.invoke('line.reject', {});

  await reload(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Contacts' }).click();
  await page.getByRole('searchbox', { name: 'Search contacts' }).fill('Formsby');
  await page.locator('.contact-row', { hasText: 'Morgan Formsby' }).click();
  const detail = page.getByRole('article', { name: 'Contact: Morgan Formsby' });
  await expect(detail).toContainText('Head of Facilities');
  await expect(detail).toContainText(/\+1 415[\s-]555[\s-]0166/);
});

test('Sign-in: the session (server, company, user) reads back after a reload', async ({ page, host }) => {
  test.setTimeout(180_000); // the CRM server's first start migrates its database
  const crm = await startCrmServer();
  try {
    await page.goto(host.url);
    await page.getByRole('button', { name: /^Sync:/ }).click();
    await page.getByRole('dialog', { name: 'Sync details' }).getByRole('button', { name: 'Sign in' }).click();
    const login = page.getByRole('dialog', { name: 'Sign in to the CRM server' });
    await login.getByLabel('Server').fill(crm.url);
    await login.getByLabel('Company').fill(crm.company);
    await login.getByLabel('Email').fill(crm.agent.email);
    await login.getByLabel('Password').fill(crm.agent.password);
    await login.getByRole('button', { name: 'Sign in' }).click();
    await expect(login).toBeHidden();

    await page.goto(`${host.url}/#/settings`);
    await reload(page);
    const session = page.locator('section.card', { hasText: 'Signed in as' });
    await expect(session).toContainText(crm.url);
    await expect(session).toContainText(crm.company);
    await expect(session).toContainText('Alex Agent');
    await expect(page.getByTestId('sync-state')).not.toHaveText('Not signed in');
  } finally {
    await crm.dispose();
  }
});

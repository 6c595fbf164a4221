import { expectNoAxeViolations } from './axe';
import { answerInbound, demoContact, dock, screenshotsAtLaptopSizes } from './console';
import { expect, test } from './fixtures';

// The console runs in Chromium with axe-core twice: on a busy machine that takes a while.
test.describe.configure({ timeout: 180_000 });

test('transfer from the call panel: the team picker, a warm consult cancelled, then a cold transfer to a number', async ({
  page,
  host,
}) => {
  const caller = await demoContact(host);
  await page.goto(host.url);
  await expect(dock(page).getByText('Ready for calls.')).toBeVisible();
  const panel = await answerInbound(page, host, caller.e164);

  await panel.getByRole('button', { name: 'Transfer', exact: true }).click();
  const sheet = page.getByRole('dialog', { name: 'Transfer call' });
  const team = sheet.getByRole('group', { name: /Teammates/ });
  // Not signed in: the demo team, each with their availability; an Offline one cannot be rung.
  await expect(team.getByRole('radio', { name: /Lucas Meyer/ })).toBeEnabled();
  await expect(team.locator('.team-member', { hasText: 'Priya Raman' })).toContainText('Busy');
  await expect(team.getByRole('radio', { name: /Yuki Tanaka/ })).toBeDisabled();
  await team.getByRole('radio', { name: /Lucas Meyer/ }).check();
  await expectNoAxeViolations(page, 'transfer sheet');
  await screenshotsAtLaptopSizes(page, 'transfer-picker');
  await sheet.getByLabel('Find a teammate').fill('luc');
  await expect(team.getByRole('radio', { name: /Amara Okafor/ })).toHaveCount(0);
  await expect(team.getByRole('radio', { name: /Lucas Meyer/ })).toBeChecked();

  // Warm: the customer waits on hold while the agent consults; hold and transfer wait.
  await sheet.getByRole('button', { name: 'Call to consult' }).click();
  await expect(sheet).toBeHidden();
  const strip = panel.getByRole('status').filter({ hasText: 'Consulting' });
  await expect(strip).toContainText('Consulting Lucas Meyer. The customer is on hold.');
  await expect(panel.getByText('On hold', { exact: true })).toBeVisible();
  await expect(panel.getByRole('button', { name: /^Resume/ })).toBeDisabled();
  await expect(panel.getByRole('button', { name: 'Transfer', exact: true })).toBeDisabled();
  await expectNoAxeViolations(page, 'call panel while consulting');
  await page.screenshot({ path: 'docs/screenshots/transfer-consulting.png' });
  await strip.getByRole('button', { name: 'Cancel transfer' }).click();
  await expect(panel.getByText('Connected')).toBeVisible();
  await expect(strip).toBeHidden();

  // Cold, to a typed number: the call goes at once and the agent wraps up.
  await panel.getByRole('button', { name: 'Transfer', exact: true }).click();
  await sheet.getByRole('radio', { name: 'Cold: pass it now' }).check();
  await sheet.getByRole('radio', { name: 'A phone number' }).check();
  await sheet.getByLabel('Number', { exact: true }).fill('(212) 555-0177');
  await sheet.getByRole('button', { name: 'Transfer now' }).click();
  const form = dock(page).getByRole('form', { name: 'Wrap-up' });
  await expect(form).toBeVisible();
  await form.getByLabel('Disposition').selectOption({ index: 1 });
  await form.getByRole('button', { name: 'Save and finish' }).click();
  await expect(dock(page).getByText('Ready for calls.')).toBeVisible();

  // After a reload the call's notes say where it went.
  await page.reload();
  await page.getByRole('button', { name: 'Calls' }).click();
  await page.locator('.call-table-row', { hasText: caller.name }).first().locator('[data-call-id]').click();
  // The note is on the drawer's Notes tab.
  await page.getByRole('tab', { name: 'Notes' }).click();
  await expect(page.getByText('Cold transfer: passed the call to +12125550177.')).toBeVisible();
});

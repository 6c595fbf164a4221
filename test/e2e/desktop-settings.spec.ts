/**
 * Settings → Desktop and shortcuts (browser mode: the tray and the OS-wide shortcuts are
 * the desktop app's, but the preferences are the same form and the same store).
 */
import { expectNoAxeViolations } from './axe';
import { screenshotsAtLaptopSizes } from './console';
import { expect, test } from './fixtures';

test('Desktop and shortcuts: every field saves and reads back after a reload; a clash is refused in words', async ({
  page,
  host,
}) => {
  await page.goto(`${host.url}/#/settings`);
  const form = page.getByRole('form', { name: 'Desktop and shortcuts' });
  await expect(form.getByText(/in this browser window they are saved for it/)).toBeVisible();
  await form.getByLabel(/keeps Switchboard running in the tray/).uncheck();
  await form.getByLabel('Start Switchboard when I log in').check();
  await form.getByLabel('Answer the ringing call').fill('ctrl+alt+a');
  await form.getByLabel('Mute or unmute').fill('');
  await form.getByLabel('Dial the number on the clipboard').fill('F13');
  await form.getByLabel(/play\/pause key/).uncheck();

  // Two actions on one key: said before anything is saved.
  await form.getByLabel('Hold or resume').fill('Ctrl+Alt+A');
  await form.getByRole('button', { name: 'Save desktop settings' }).click();
  await expect(form.getByRole('alert')).toHaveText('Answer the ringing call and Hold or resume both use Ctrl+Alt+A.');
  await form.getByLabel('Hold or resume').fill('Ctrl+Alt+J');
  await form.getByRole('button', { name: 'Save desktop settings' }).click();
  await expect(page.getByText('Desktop settings saved.')).toBeVisible();
  await expect(form.getByRole('alert')).toHaveCount(0);

  await page.reload();
  const again = page.getByRole('form', { name: 'Desktop and shortcuts' });
  await expect(again.getByLabel(/keeps Switchboard running in the tray/)).not.toBeChecked();
  await expect(again.getByLabel('Start Switchboard when I log in')).toBeChecked();
  await expect(again.getByLabel('Answer the ringing call')).toHaveValue('Ctrl+Alt+A');
  await expect(again.getByLabel('Hang up or reject')).toHaveValue('CommandOrControl+Shift+H');
  await expect(again.getByLabel('Mute or unmute')).toHaveValue('');
  await expect(again.getByLabel('Hold or resume')).toHaveValue('Ctrl+Alt+J');
  await expect(again.getByLabel('Dial the number on the clipboard')).toHaveValue('F13');
  await expect(again.getByLabel(/play\/pause key/)).not.toBeChecked();

  await expectNoAxeViolations(page, 'settings (desktop and shortcuts)');
  await again.scrollIntoViewIfNeeded();
  await screenshotsAtLaptopSizes(page, 'settings-shortcuts');
});

test('Help and diagnostics: the report shows versions, readiness, history, errors and sync, and copies', async ({
  page,
  host,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`${host.url}/#/settings`);
  const card = page.getByRole('region', { name: 'Help and diagnostics' });
  await card.getByRole('button', { name: 'Copy diagnostics' }).click();
  await expect(page.getByText('Diagnostics copied. Paste them into your message to support.')).toBeVisible();
  const report = card.getByLabel('Diagnostics report');
  for (const heading of ['## Line readiness', '## Registration history', '## Last errors', '## Sync']) {
    await expect(report).toContainText(heading);
  }
  // The e2e tsconfig has no DOM types: the page's clipboard is read through a string expression.
  expect(await page.evaluate<string>('navigator.clipboard.readText()')).toContain('## Line readiness');
  await expectNoAxeViolations(page, 'settings (help and diagnostics)');
  await card.scrollIntoViewIfNeeded();
  await screenshotsAtLaptopSizes(page, 'help-diagnostics');
});

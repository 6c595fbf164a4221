import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';

/** Tags edited inline, with autocompletion from the tags in use, read back after a reload. */

test.describe.configure({ timeout: 120_000 });

async function addByAutocomplete(page: Page, list: string, typed: string, offered: string) {
  const box = page.getByRole('combobox', { name: 'Add a tag' });
  await box.fill(typed);
  const option = page.getByRole('option', { name: offered });
  await expect(option).toBeVisible();
  await box.press('ArrowDown');
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await box.press('Enter');
  await expect(page.getByRole('list', { name: list })).toContainText(offered);
  await expect(box).toHaveValue('');
}

test('a call and a contact are tagged inline with autocompletion, and keep their tags after a reload', async ({
  page,
  host,
}) => {
  const earlier = await host.invoke('calls.create', { direction: 'Inbound', subject: 'Earlier storm call' });
  await host.invoke('tags.add', { entity: 'calls', id: earlier.id, tag: 'storm damage' });
  const target = await host.invoke('calls.create', { direction: 'Inbound', subject: 'Roof leak after the storm' });

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${host.url}/#/calls/${target.id}`);
  await page.reload();
  const tags = page.getByRole('list', { name: 'Call tags' });
  await addByAutocomplete(page, 'Call tags', 'sto', 'storm damage');
  // A new tag typed whole, then one removed by its button.
  const box = page.getByRole('combobox', { name: 'Add a tag' });
  await box.fill('roof');
  await box.press('Enter');
  await box.fill('callback');
  await box.press('Enter');
  await expect(tags.getByRole('listitem')).toHaveText(['callback×', 'roof×', 'storm damage×']);
  await tags.getByRole('button', { name: 'Remove tag callback' }).click();
  await expect(tags.getByRole('listitem')).toHaveText(['roof×', 'storm damage×']);
  await expectNoAxeViolations(page, 'call detail with its tags');

  await page.reload();
  await expect(page.getByRole('list', { name: 'Call tags' }).getByRole('listitem')).toHaveText([
    'roof×',
    'storm damage×',
  ]);

  const contact = await host.invoke('contacts.create', { lastName: 'Tagged', firstName: 'Tess', tags: ['vip'] });
  await page.goto(`${host.url}/#/contacts/contact/${contact.id}`);
  await page.reload();
  await addByAutocomplete(page, 'Contact tags', 'ro', 'roof');
  await page.reload();
  await expect(page.getByRole('list', { name: 'Contact tags' }).getByRole('listitem')).toHaveText(['roof×', 'vip×']);
});

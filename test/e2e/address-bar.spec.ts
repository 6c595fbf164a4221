/**
 * Browser mode: the address names the screen. A hash typed into the address bar opens
 * that screen without a reload, and Back returns to the one before.
 */
import { demoContact } from './console';
import { expect, test } from './fixtures';

test('a hash typed into the address bar opens its screen, and Back returns to the one before', async ({
  page,
  host,
}) => {
  const contact = await demoContact(host);
  await page.goto(host.url);
  await expect(page.getByRole('region', { name: 'Call log' })).toBeVisible();

  // The same document: only the hash changes, as when the agent types it and presses Enter.
  await page.goto(`${host.url}/#/tasks`);
  await expect(page.getByRole('region', { name: 'Tasks' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Call log' })).toHaveCount(0);

  await page.goto(`${host.url}/#/contacts/contact/${contact.id}`);
  await expect(page.getByRole('article', { name: `Contact: ${contact.name}` })).toBeVisible();

  await page.goBack();
  await expect(page.getByRole('region', { name: 'Tasks' })).toBeVisible();
  await expect(page).toHaveURL(/#\/tasks$/);

  // An anchor's hash is not a route: the screen stays.
  await page.goto(`${host.url}/#main-content`);
  await expect(page.getByRole('region', { name: 'Tasks' })).toBeVisible();
});

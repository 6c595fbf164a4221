import { answerInbound, demoContact } from './console';
import { expect, test } from './fixtures';

test('digits typed during a call send keypad tones, but not while typing call notes', async ({ page, host }) => {
  const caller = await demoContact(host);
  await page.goto(host.url);
  const panel = await answerInbound(page, host, caller.e164);
  await panel.getByRole('button', { name: 'Keypad' }).click();

  await page.keyboard.type('12#');
  await expect(panel.getByLabel('Digits sent')).toHaveText('12#');
  expect((await host.invoke('line.state', {})).call?.digits).toBe('12#');

  const notes = panel.getByLabel('Notes');
  await notes.fill('Account ');
  await notes.press('End');
  await page.keyboard.type('4471');
  await expect(notes).toHaveValue('Account 4471');
  await expect(panel.getByLabel('Digits sent')).toHaveText('12#');

  // Back on the page (not in a text field), digits are tones again.
  await panel.getByText('Connected').click();
  await page.keyboard.press('9');
  await expect(panel.getByLabel('Digits sent')).toHaveText('12#9');
});

test('the sync popover closes with Escape (focus back on its button) and with a click outside', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  const button = page.getByRole('button', { name: /^Sync:/ });
  const popover = page.getByRole('dialog', { name: 'Sync details' });

  await button.click();
  await expect(popover).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(popover).toBeHidden();
  await expect(button).toBeFocused();

  await button.click();
  await expect(popover).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).click({ position: { x: 30, y: 400 } });
  await expect(popover).toBeHidden();

  // A click inside does not close it.
  await button.click();
  await popover.getByText(/Everything is kept on this computer/).click();
  await expect(popover).toBeVisible();
});

test('the first Tab reaches a skip link that moves focus to the main content', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  const before = page.url();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  // Routes live in the hash: the skip link must not change the view.
  expect(page.url()).toBe(before);
  // The calls table's toolbar starts with New call, then its search.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'New call' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('searchbox', { name: 'Search calls' })).toBeFocused();
});

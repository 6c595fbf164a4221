/**
 * Side sheets and the keyboard: focus goes to the first field when a sheet opens, stays
 * where the agent types while the view behind re-renders, and returns to the button that
 * opened the sheet when it closes.
 */
import { expect, test } from './fixtures';

test('typing in a sheet keeps the focus when the view behind it re-renders (the Tasks countdown)', async ({
  page,
  host,
}) => {
  await page.clock.install();
  await page.goto(`${host.url}/#/tasks`);
  await page.getByRole('button', { name: 'New follow-up' }).click();
  const task = page.getByRole('dialog', { name: 'New follow-up' }).getByLabel('Task');
  await task.fill('Call back about the ');
  await expect(task).toBeFocused();
  // The Tasks view refreshes its SLA countdowns every 30 seconds.
  await page.clock.runFor(31_000);
  await page.keyboard.type('invoice');
  await expect(task).toHaveValue('Call back about the invoice');
  await expect(task).toBeFocused();
});

test('a sheet opens on its first field, and Escape gives the focus back to the button that opened it', async ({
  page,
  host,
}) => {
  await page.goto(`${host.url}/#/tasks`);
  const opener = page.getByRole('button', { name: 'New follow-up' });
  await opener.focus();
  await page.keyboard.press('Enter');
  const sheet = page.getByRole('dialog', { name: 'New follow-up' });
  await expect(sheet.getByLabel('Task')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(opener).toBeFocused();
});

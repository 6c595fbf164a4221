import { expect, test } from './fixtures';

test('plan a call for a demo contact, mark it Held, see the duration and the history', async ({ page, host }) => {
  // The agent works in New York while this machine runs on UTC: times are typed and
  // shown in the agent's zone, and stored as instants.
  await host.invoke('settings.update', { timeZone: 'America/New_York' });
  await page.goto(host.url);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  // First start: the demo data makes the console alive.
  await expect(page.getByRole('table', { name: 'Calls' }).locator('[data-call-id]').first()).toBeVisible();

  await page.getByRole('button', { name: 'Contacts' }).click();
  const firstContact = page.getByRole('region', { name: 'Contacts' }).locator('.contact-row').first();
  const contactName = (await firstContact.locator('.call-row-title').innerText()).split('\n')[0]!.trim();
  await firstContact.click();
  await page.getByRole('button', { name: 'Plan a call' }).click();

  const sheet = page.getByRole('dialog', { name: 'New call' });
  await expect(sheet.getByText(`Contact: ${contactName}`)).toBeVisible();
  await sheet.getByLabel('Subject').fill('Quarterly review e2e');
  await sheet.getByLabel('Planned for').fill('2026-03-02T09:00');
  await sheet.getByLabel('Time zone').fill('Europe/Berlin');
  await sheet.getByRole('button', { name: 'Plan call' }).click();

  const detail = page.getByRole('article', { name: 'Call: Quarterly review e2e' });
  await expect(detail.locator('.badge')).toHaveText('Planned');
  await expect(detail).toContainText('(Europe/Berlin)');

  await detail.getByRole('button', { name: 'Mark Held' }).click();
  const held = page.getByRole('dialog', { name: 'Mark Held' });
  await held.getByLabel(/Actual start/).fill('2026-03-02T09:05');
  await held.getByLabel(/Actual end/).fill('2026-03-02T09:23');
  await held.getByRole('button', { name: 'Save' }).click();

  await expect(detail.locator('.detail-header .badge')).toHaveText('Held');
  await expect(detail.getByTestId('detail-duration')).toHaveText('18 min');
  await expect(detail.locator('dd:not([data-testid="detail-reminders"])').nth(2)).toHaveText(/Mar 2, 2026,? 9:05\sAM/);
  const stored = await host.invoke('calls.list', { search: 'Quarterly review e2e' });
  expect(stored.items[0]).toMatchObject({
    actualStart: '2026-03-02T14:05:00.000Z',
    actualEnd: '2026-03-02T14:23:00.000Z',
    durationSeconds: 1080,
  });
  const history = detail.getByRole('region', { name: 'Status history' });
  await expect(history.locator('.history-entry').first()).toContainText('Planned → Held');
  await expect(history.locator('.history-entry').last()).toContainText('Created as Planned');

  const row = page.locator('.call-table-row', { hasText: 'Quarterly review e2e' });
  await expect(row.locator('.cell-duration')).toHaveText('18 min');
  await expect(row.locator('.badge')).toHaveText('Held');

  await page.screenshot({ path: 'docs/screenshots/call-log.png' });
});

test('a malformed status change is refused with the lifecycle’s sentence', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('combobox', { name: 'Status' }).selectOption('Planned');
  await page.locator('[data-call-id]').first().click();
  await page.getByRole('button', { name: 'Mark Held' }).click();
  const held = page.getByRole('dialog', { name: 'Mark Held' });
  await held.getByLabel(/Actual start/).fill('2026-03-02T10:00');
  await held.getByLabel(/Actual end/).fill('2026-03-02T09:00');
  await held.getByRole('button', { name: 'Save' }).click();
  await expect(held.getByRole('alert')).toHaveText('The call cannot end before it started.');
});

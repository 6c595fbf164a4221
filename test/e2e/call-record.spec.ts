import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { expect, test, type ConsoleHost } from './fixtures';

// Long scenarios with axe-core on several screens, on a machine shared with other runs.
test.describe.configure({ timeout: 180_000 });

/** A demo account with at least one contact: the "Acme Corp" of the seed scenarios. */
async function accountWithContact(host: ConsoleHost) {
  const { items } = await host.invoke('accounts.list', { limit: 50 });
  for (const account of items) {
    const detail = await host.invoke('accounts.get', { id: account.id });
    const contact = detail.contacts[0];
    if (contact) return { account, contact, contactName: `${contact.firstName} ${contact.lastName}`.trim() };
  }
  throw new Error('no demo account has a contact');
}

async function openCall(page: Page, url: string, id: string) {
  await page.goto(`${url}/#/calls/${id}`);
  await page.reload();
  return page.locator('article.detail');
}

test('a planned discovery call "Qualify budget" is marked Held by hand with outcome Interested, notes and a follow-up next week on the account', async ({
  page,
  host,
}) => {
  await host.invoke('settings.update', { timeZone: 'UTC' });
  const { account } = await accountWithContact(host);
  const planned = await host.invoke('calls.create', {
    direction: 'Outbound',
    subject: 'Discovery: Qualify budget',
    plannedStart: { local: '2026-03-02T09:00', zone: 'UTC' },
    related: { type: 'account', id: account.id, name: account.name },
  });
  const detail = await openCall(page, host.url, planned.id);
  await detail.getByRole('button', { name: 'Mark Held' }).click();
  const sheet = page.getByRole('dialog', { name: 'Mark Held' });
  await sheet.getByLabel(/Actual start/).fill('2026-03-02T09:02');
  await sheet.getByLabel(/Actual end/).fill('2026-03-02T09:31');
  await sheet.getByLabel('Disposition').selectOption({ label: 'Interested' });
  await sheet.getByLabel('Outcome').fill('Interested');
  await sheet.getByLabel('Notes').fill('Budget approved for Q3; wants a demo with the finance team.');
  await sheet.getByLabel('Create a follow-up task').check();
  await sheet.getByRole('textbox', { name: 'Task' }).fill('Book the finance demo');
  await sheet.getByRole('button', { name: 'Pick a date' }).click();
  const nextWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await sheet.getByRole('textbox', { name: /^Due/ }).fill(`${nextWeek}T10:00`);
  await expectNoAxeViolations(page, 'Mark Held sheet');
  await sheet.getByRole('button', { name: 'Save' }).click();
  await expect(sheet).toBeHidden();

  // Read back after a reload: the status, outcome and note are on the call.
  await page.reload();
  await expect(detail.locator('.detail-header .badge')).toHaveText('Held');
  await expect(detail.getByTestId('detail-disposition')).toHaveText('Interested');
  await expect(detail.getByTestId('detail-duration')).toHaveText('29 min');
  await detail.getByRole('tab', { name: 'Notes' }).click();
  const notes = detail.getByRole('region', { name: 'Notes' });
  await expect(notes).toContainText('Budget approved for Q3; wants a demo with the finance team.');
  const { items } = await host.invoke('tasks.list', {});
  const task = items.find((t) => t.subject === 'Book the finance demo');
  expect(task).toMatchObject({
    callId: planned.id,
    related: { type: 'account', id: account.id },
    dueAt: `${nextWeek}T10:00:00.000Z`,
  });
});

test('a call with two teammates and a contact of the account: all shown on the call and in the account’s and the contact’s history', async ({
  page,
  host,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const { account, contact, contactName } = await accountWithContact(host);
  const { items: teammates } = await host.invoke('teammates.list', {});
  expect(teammates.length).toBeGreaterThanOrEqual(2);
  const planned = await host.invoke('calls.create', {
    direction: 'Outbound',
    subject: 'Joint account review',
    plannedStart: { local: '2026-03-02T15:00', zone: 'UTC' },
  });
  const detail = await openCall(page, host.url, planned.id);
  await detail.getByRole('button', { name: 'Edit participants' }).click();
  const sheet = page.getByRole('dialog', { name: 'Participants and related record' });
  await sheet.getByLabel('Add a teammate').selectOption({ label: teammates[0]!.name });
  await sheet.getByLabel('Add a teammate').selectOption({ label: teammates[1]!.name });
  await sheet.getByLabel(`Role of ${teammates[0]!.name}`).selectOption('organizer');
  await sheet.getByLabel('Add a contact or lead').fill(contact.lastName);
  await sheet
    .getByRole('listbox', { name: 'Matching contacts and leads' })
    .getByRole('button', { name: new RegExp(contactName) })
    .first()
    .click();
  await sheet.getByRole('button', { name: 'Change' }).click();
  await sheet.getByLabel('Search accounts, contacts, leads, opportunities, cases').fill(account.name.split(' ')[0]!);
  await sheet
    .getByRole('listbox', { name: 'Matching records' })
    .getByRole('button', { name: new RegExp(`${account.name}.*\\(account\\)`) })
    .first()
    .click();
  await expectNoAxeViolations(page, 'participants sheet');
  await sheet.getByRole('button', { name: 'Save' }).click();
  await expect(sheet).toBeHidden();

  await page.reload();
  await detail.getByRole('tab', { name: 'Details' }).click();
  const people = detail.getByRole('list', { name: 'Participants' });
  await expect(people.getByRole('listitem')).toHaveCount(3);
  await expect(people).toContainText(`${teammates[0]!.name} (teammate, organizer)`);
  await expect(people).toContainText(`${teammates[1]!.name} (teammate, attendee)`);
  await expect(people).toContainText(`${contactName} (contact, attendee)`);
  await expect(detail).toContainText(`${account.name} (account)`);
  await detail.getByRole('tab', { name: 'Notes' }).click();
  await detail
    .getByRole('region', { name: 'Notes' })
    .getByLabel('Add a note')
    .fill('Agenda: renewal and the new site.');
  await detail.getByRole('region', { name: 'Notes' }).getByRole('button', { name: 'Add note' }).click();
  await expect(detail.getByRole('region', { name: 'Notes' })).toContainText('Agenda: renewal and the new site.');
  await expectNoAxeViolations(page, 'call detail with participants');
  await page.screenshot({ path: 'docs/screenshots/call-detail-participants-1366.png' });
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: 'docs/screenshots/call-detail-participants-1024.png' });

  await page.goto(`${host.url}/#/contacts/account/${account.id}`);
  await page.reload();
  await expect(page.getByRole('list', { name: 'Call history' })).toContainText('Joint account review');
  await page.goto(`${host.url}/#/contacts/contact/${contact.id}`);
  await page.reload();
  await expect(page.getByRole('list', { name: 'Call history' })).toContainText('Joint account review');
});

import type { Page } from '@playwright/test';
import { answerDemoCaller, demoContact, dock, screenshotsAtLaptopSizes } from './console';
import { expect, test } from './fixtures';
import { axeOn } from './axe';

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

async function noAxeViolations(page: Page, selector: string) {
  const result = await axeOn(page).include(selector).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const screenshots = screenshotsAtLaptopSizes;

test('a ringing call shows as Ringing; unanswered, it needs no wrap-up, lands in Missed with a badge and a call-back task', async ({
  page,
  host,
}) => {
  const caller = await demoContact(host, { withAccount: true });
  await page.goto(host.url);
  await expect(dock(page).getByText('Ready for calls.')).toBeVisible();
  await expect(nav(page).getByTestId('missed-badge')).toHaveCount(0);

  await host.invoke('dev.injectInbound', { from: caller.e164 });
  await expect(dock(page).getByRole('region', { name: 'Incoming call' })).toBeVisible();
  const ringing = (await host.invoke('line.state', {})).call!.callId;
  // The log shows what the call is doing, not its CRM status "Planned".
  const row = page.locator('.call-table-row', { has: page.locator(`[data-call-id="${ringing}"]`) });
  await expect(row.locator('.cell-status .badge')).toHaveText('Ringing');
  await page.getByRole('button', { name: 'Contacts' }).click();
  await page.locator('.contact-row', { hasText: caller.name }).first().click();
  const latest = page
    .getByRole('article', { name: `Contact: ${caller.name}` })
    .locator('.timeline li')
    .first();
  await expect(latest.locator('.badge')).toHaveText('Ringing');
  await expect(latest).not.toContainText('planned —');

  await host.invoke('dev.remoteHangup', {}); // the caller gives up
  await expect(dock(page).getByText('Ready for calls.')).toBeVisible();
  await expect(dock(page).getByRole('form', { name: 'Wrap-up' })).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText(`Missed call from ${caller.name}`);
  await expect(nav(page).getByTestId('missed-badge')).toHaveText('1 to call back');

  await nav(page)
    .getByRole('button', { name: /Missed/ })
    .click();
  const list = page.getByRole('list', { name: 'Missed calls' });
  const missed = list.locator(`[data-call-id="${ringing}"]`);
  await expect(missed).toContainText(caller.name);
  await expect(missed).toContainText('Missed call: nobody answered');
  await expect(missed).toContainText(`Call back ${caller.name}`);
  await noAxeViolations(page, '.content');
  await noAxeViolations(page, '.nav-rail');
  await screenshots(page, 'missed-calls');

  await missed.getByRole('button', { name: 'Mark handled' }).click();
  await expect(nav(page).getByTestId('missed-badge')).toHaveCount(0);
  await expect(page.getByText('No missed calls to return.')).toBeVisible();
  await page.reload();
  await expect(page.getByText('No missed calls to return.')).toBeVisible();
  await page.getByLabel('Show handled').check();
  await expect(list.locator(`[data-call-id="${ringing}"]`)).toContainText('(done)');
});

test('a call missed while Away raises an alert and a call-back task', async ({ page, host }) => {
  await page.goto(host.url);
  await host.invoke('line.setAvailability', { availability: 'Away' });
  await host.invoke('dev.injectInbound', { from: '+14155550188' }).catch(() => undefined);
  await expect(page.getByRole('status')).toContainText('Missed call from +1 415 555 0188 while you were Away');
  await expect(nav(page).getByTestId('missed-badge')).toHaveText('1 to call back');
  const { items } = await host.invoke('calls.missed', { unhandledOnly: true });
  expect(items[0]).toMatchObject({ reason: 'Not answered: agent was Away', task: { status: 'Open' } });
});

test('notes typed during the call and at wrap-up show on the call and the contact, and are found by search', async ({
  page,
  host,
}) => {
  const { caller, panel } = await answerDemoCaller(page, host, { withAccount: true });
  await panel.getByLabel('Notes').fill('Asked for the winter tyre quote.');
  // Saved 400 ms after typing stops: hanging up before the core has them would leave them out.
  await expect(panel.getByText('Saved', { exact: true })).toBeVisible();
  await panel.getByRole('button', { name: /^Hang up/ }).click();

  const form = dock(page).getByRole('form', { name: 'Wrap-up' });
  await expect(form.getByLabel('Notes')).toHaveValue('Asked for the winter tyre quote.');
  // An inbound call is offered inbound outcomes: never "Left voicemail" or "Reached gatekeeper".
  await form.getByText('Not Held', { exact: true }).click();
  const notHeldOptions = await form.getByLabel('Disposition').locator('option').allInnerTexts();
  expect(notHeldOptions).toContain('Caller hung up');
  expect(notHeldOptions).not.toContain('Left voicemail');
  expect(notHeldOptions).not.toContain('Reached gatekeeper');
  await form.getByText('Held', { exact: true }).click();
  await form.getByLabel('Disposition').selectOption({ label: 'Interested' });
  await form.getByLabel('Outcome').fill('Quote by Friday');
  await form.getByRole('button', { name: 'Save and finish' }).click();
  await expect(dock(page).getByText('Ready for calls.')).toBeVisible();

  // Search by a word of the note finds the call; the detail shows labels and notes.
  await page.getByRole('button', { name: 'Calls' }).click();
  await page.getByLabel('Search calls').fill('tyre');
  const found = page.locator('[data-call-id]');
  await expect(found).toHaveCount(1);
  await found.first().click();
  const detail = page.getByRole('article', { name: /^Call: / });
  await expect(detail.getByTestId('detail-disposition')).toHaveText('Interested');
  await detail.getByRole('tab', { name: 'Notes' }).click();
  const notes = detail.getByRole('region', { name: 'Notes' });
  await expect(notes).toContainText('Asked for the winter tyre quote.');
  await expect(notes).toContainText('(you)');

  // Add a note from the detail; it is there after a reload.
  await notes.getByLabel('Add a note').fill('Called back: quote accepted.');
  await notes.getByRole('button', { name: 'Add note' }).click();
  await expect(notes).toContainText('Called back: quote accepted.');
  await page.reload();
  await page.getByRole('tab', { name: 'Notes' }).click();
  await expect(page.getByRole('region', { name: 'Notes' })).toContainText('Called back: quote accepted.');
  await noAxeViolations(page, '.detail');
  await screenshots(page, 'call-detail-notes');

  // Search the log by the caller's number, typed the way people write it.
  const national = caller.e164.startsWith('+1')
    ? `(${caller.e164.slice(2, 5)}) ${caller.e164.slice(5, 8)}-${caller.e164.slice(8)}`
    : caller.e164;
  await page.getByLabel('Search calls').fill(national);
  await expect(page.locator(`[data-call-id]`).first()).toBeVisible();
  const byNumber = await host.invoke('calls.list', { search: national, limit: 500 });
  expect(byNumber.total).toBeGreaterThan(0);
  expect(byNumber.items.every((c) => c.fromNumber === caller.e164 || c.toNumber === caller.e164)).toBe(true);

  // The contact shows the notes of calls with them, and is found by company.
  await page.getByRole('button', { name: 'Contacts' }).click();
  await page.getByLabel(/Search contacts/).fill(caller.accountName!);
  await page.locator('.contact-row', { hasText: caller.name }).first().click();
  const contact = page.getByRole('article', { name: `Contact: ${caller.name}` });
  await expect(contact).toContainText('Called back: quote accepted.');
  await expect(contact).toContainText('Asked for the winter tyre quote.');
  await noAxeViolations(page, '.detail');
  await screenshots(page, 'contact-notes');
});

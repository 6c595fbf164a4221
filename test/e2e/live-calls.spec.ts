import type { Page } from '@playwright/test';
import { answerDemoCaller, demoContact, dock } from './console';
import { expect, test } from './fixtures';

async function wrapUp(page: Page, disposition: string) {
  const form = dock(page).getByRole('form', { name: 'Wrap-up' });
  await expect(form).toBeVisible();
  await form.getByLabel('Disposition').selectOption({ label: disposition });
  await form.getByRole('button', { name: 'Save and finish' }).click();
  await expect(form).toBeHidden();
}

test('a known caller rings: pop, answer, mute, hang up, wrap-up, timeline', async ({ page, host }) => {
  const caller = await demoContact(host);
  await page.goto(host.url);
  await expect(dock(page).getByText('Ready for calls.')).toBeVisible();

  await host.invoke('dev.injectInbound', { from: caller.e164 });
  const ringing = dock(page).getByRole('region', { name: 'Incoming call' });
  await expect(ringing.getByRole('button', { name: caller.name })).toBeVisible();
  await expect(ringing.getByText('Last calls')).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/screen-pop.png' });

  await ringing.getByRole('button', { name: /^Answer/ }).click();
  const panel = dock(page).getByRole('region', { name: 'Call in progress' });
  await expect(panel.getByText('Connected')).toBeVisible();
  await panel.getByRole('button', { name: /^Mute/ }).click();
  await expect(panel.getByRole('button', { name: /^Unmute/ })).toHaveAttribute('aria-pressed', 'true');
  await panel.getByRole('button', { name: 'Keypad' }).click();
  await panel.getByRole('button', { name: 'Send 4' }).click();
  await expect(panel.getByLabel('Digits sent')).toHaveText('4');
  await panel.getByLabel('Notes').fill('Asked about the renewal quote.');
  // In the core before the hang-up (the wrap-up starts from the notes it has).
  await expect(panel.getByText('Saved', { exact: true })).toBeVisible();
  await page.waitForTimeout(1100); // let the timer show a second of talk time
  await page.screenshot({ path: 'docs/screenshots/call-panel.png' });
  await panel.getByRole('button', { name: /^Hang up/ }).click();

  const form = dock(page).getByRole('form', { name: 'Wrap-up' });
  await expect(form.getByLabel('Notes')).toHaveValue('Asked about the renewal quote.');
  await form.getByLabel('Outcome').fill('Quote sent again');
  await form.getByLabel('Disposition').selectOption({ index: 1 });
  await expect(form.getByText('Draft saved')).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/wrap-up.png' });
  await form.getByRole('button', { name: 'Save and finish' }).click();
  await expect(dock(page).getByText('Ready for calls.')).toBeVisible();

  await page.getByRole('button', { name: 'Contacts' }).click();
  await page.locator('.contact-row', { hasText: caller.name }).first().click();
  const latest = page
    .getByRole('article', { name: `Contact: ${caller.name}` })
    .locator('.timeline li')
    .first();
  await expect(latest).toContainText('Held');
  await expect(latest).toContainText(/· 0:0[1-9]|· \d+:\d\d|min/);
  await expect(latest).toContainText('Quote sent again');
  await expect(latest).toContainText(caller.name); // the participants
  await page.screenshot({ path: 'docs/screenshots/contact-timeline.png' });
});

test('an unknown caller becomes a contact from the pop', async ({ page, host }) => {
  await page.goto(host.url);
  await host.invoke('dev.injectInbound', { from: '+14155550188' });
  const ringing = dock(page).getByRole('region', { name: 'Incoming call' });
  await expect(ringing.getByText('Unknown caller')).toBeVisible();
  await ringing.getByRole('button', { name: 'Create contact' }).click();
  const sheet = page.getByRole('dialog', { name: 'Create contact' });
  await expect(sheet).toContainText('+1 415 555 0188');
  await sheet.getByLabel('First name').fill('Robin');
  await sheet.getByLabel('Last name').fill('Newcaller');
  await sheet.getByRole('button', { name: 'Create contact' }).click();
  await expect(sheet).toBeHidden();
  // The pop fills in with the new contact while the phone still rings.
  await expect(ringing.getByRole('button', { name: 'Robin Newcaller' })).toBeVisible();

  const { items } = await host.invoke('contacts.list', { search: 'Newcaller' });
  expect(items).toHaveLength(1);
  expect(items[0]!.phones[0]!.e164).toBe('+14155550188');
});

// Unanswered inbound calls (no wrap-up, missed list, call-back task): missed-calls-and-notes.spec.ts.

test('a tel: link asks to confirm, dials, and logs a Held call with its duration', async ({ page, host }) => {
  const callee = await demoContact(host);
  await page.goto(host.url);
  await expect(dock(page).getByText('Ready for calls.')).toBeVisible();
  await host.invoke('links.open', { uri: `tel:${callee.e164}` });
  await host.invoke('links.open', { uri: `tel:${callee.e164}` }); // the same link twice

  const sheet = page.getByRole('dialog', { name: 'Place call' });
  await expect(sheet).toContainText(callee.name);
  await sheet.getByRole('button', { name: 'Call' }).dblclick();
  await expect(dock(page).getByRole('region', { name: 'Call in progress' })).toBeVisible({ timeout: 15_000 });
  await page.waitForTimeout(1100);
  await dock(page)
    .getByRole('button', { name: /^Hang up/ })
    .click();
  await wrapUp(page, 'Resolved');

  const { items } = await host.invoke('calls.list', { limit: 5, direction: 'Outbound' });
  const dialed = items.filter(
    (c) => c.toNumber === callee.e164 && c.createdAt > new Date(Date.now() - 60_000).toISOString(),
  );
  expect(dialed).toHaveLength(1); // one link twice and a double click: one call
  expect(dialed[0]).toMatchObject({ status: 'Held', direction: 'Outbound' });
  expect(dialed[0]!.durationSeconds).toBeGreaterThanOrEqual(1);
});

test('a do-not-contact number is blocked with its reason', async ({ page, host }) => {
  const flagged = await demoContact(host, { doNotContact: true });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Contacts' }).click();
  await page.locator('.contact-row', { hasText: flagged.name }).first().click();
  await page.locator('.phone-link').first().click();
  const sheet = page.getByRole('dialog', { name: 'Place call' });
  await expect(sheet.getByRole('alert')).toContainText('Blocked: do not contact.');
  await expect(sheet.getByRole('button', { name: 'Call' })).toHaveCount(0);
  const { items } = await host.invoke('calls.list', { limit: 500 });
  expect(
    items.filter((c) => c.toNumber === flagged.e164 && c.createdAt > new Date(Date.now() - 60_000).toISOString()),
  ).toHaveLength(0);
});

test('a UI reload during a call keeps the call, and it can be hung up', async ({ page, host }) => {
  const { caller } = await answerDemoCaller(page, host);

  await page.reload();
  const panel = dock(page).getByRole('region', { name: 'Call in progress' });
  await expect(panel.getByText('Connected')).toBeVisible();
  await expect(panel.getByRole('button', { name: caller.name })).toBeVisible();
  await panel.getByRole('button', { name: /^Hang up/ }).click();
  await expect(dock(page).getByRole('form', { name: 'Wrap-up' })).toBeVisible();
});

test('the wrap-up draft survives a reload and an app restart', async ({ page, host }) => {
  const { panel } = await answerDemoCaller(page, host);
  await panel.getByRole('button', { name: /^Hang up/ }).click();
  const form = dock(page).getByRole('form', { name: 'Wrap-up' });
  await form.getByLabel('Outcome').fill('Customer will call back after the board meeting');
  await form.getByLabel('Notes').fill('Prefers email for quotes');
  // The draft saves 300 ms after typing stops; the form says when the core has it.
  await expect(form.getByText('Draft saved')).toBeVisible();

  await page.reload();
  await expect(form.getByLabel('Outcome')).toHaveValue('Customer will call back after the board meeting');

  await host.restart();
  await page.reload();
  await expect(form.getByLabel('Outcome')).toHaveValue('Customer will call back after the board meeting');
  await expect(form.getByLabel('Notes')).toHaveValue('Prefers email for quotes');
});

test('the last words typed are kept when the agent hangs up or reloads at once', async ({ page, host }) => {
  const { panel } = await answerDemoCaller(page, host);
  // Hang up within the notes' 400 ms pause: the panel sends them as it closes.
  await panel.getByLabel('Notes').fill('Will sign the contract today');
  await panel.getByRole('button', { name: /^Hang up/ }).click();
  const form = dock(page).getByRole('form', { name: 'Wrap-up' });
  await expect(form.getByLabel('Notes')).toHaveValue('Will sign the contract today');

  // Reload within the draft's 300 ms pause: the page sends it as it goes.
  await form.getByLabel('Outcome').fill('Contract promised');
  await expect(form.getByText('Saving the draft…')).toBeVisible();
  await page.reload();
  await expect(form.getByLabel('Outcome')).toHaveValue('Contract promised');
  await expect(form.getByLabel('Notes')).toHaveValue('Will sign the contract today');
});

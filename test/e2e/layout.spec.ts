import type { Locator, Page } from '@playwright/test';
import { answerInbound, demoContact, dock } from './console';
import { expect, test } from './fixtures';

const sizes = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
] as const;

/**
 * Every element matched shows its whole text: nothing clipped by its own box or past
 * `within`'s right edge. Read in one pass over the elements as they are at one instant:
 * a list that re-renders between counting its rows and reading the 19th (the call table
 * when its filter's answer lands) would leave a locator waiting for a row that is gone.
 */
async function expectNothingCutOff(elements: Locator, within: Locator) {
  const edge = await within.evaluate((el) => el.getBoundingClientRect().right);
  const boxes = await elements.evaluateAll((els) =>
    els.map((el) => ({
      text: el.textContent ?? '',
      right: el.getBoundingClientRect().right,
      clipped: el.scrollWidth > el.clientWidth + 1,
    })),
  );
  expect(boxes.length, 'nothing to check').toBeGreaterThan(0);
  for (const box of boxes) {
    expect(box.clipped, `"${box.text.slice(0, 60)}" is clipped`).toBe(false);
    expect(box.right, `"${box.text.slice(0, 60)}" runs past the pane`).toBeLessThanOrEqual(edge + 1);
  }
}

/** A button whose label wrapped is taller than one line of text plus its padding. */
async function expectOneLineButtons(buttons: Locator) {
  for (const button of await buttons.all()) {
    const height = await button.evaluate((el) => el.getBoundingClientRect().height);
    expect(height, `button "${await button.innerText()}" wrapped`).toBeLessThan(40);
  }
}

async function openCall(page: Page, url: string, id: string) {
  await page.goto(`${url}/#/calls/${id}`);
  await page.reload(); // the route is read at start
  return page.locator('article.detail');
}

for (const size of sizes) {
  test(`at ${size.width}×${size.height} the call detail shows every value whole and its buttons on one line`, async ({
    page,
    host,
  }) => {
    await page.setViewportSize(size);
    const { items } = await host.invoke('calls.list', { status: ['Held'], limit: 50 });
    // The richest demo call: a related record, an outcome and participants.
    const call = items.find((c) => c.related && c.outcome.text && c.participants.length > 1) ?? items[0]!;
    const detail = await openCall(page, host.url, call.id);
    await expect(detail.locator('dd').first()).toBeVisible();
    const pane = page.getByRole('region', { name: 'Call detail' });
    await expectNothingCutOff(detail.locator('dd, dt, h1, .history-entry > span'), pane);
    await page.screenshot({ path: `docs/screenshots/call-detail-${size.width}.png` });

    await page.getByRole('combobox', { name: 'Status' }).selectOption('Held');
    await expect(page.locator('.call-table-body .cell-when').first()).toBeVisible();
    // The table scrolls sideways when its columns are wider than the pane; the time, its first column, is whole.
    await expectNothingCutOff(
      page.locator('.call-table-body .cell-when'),
      page.getByRole('region', { name: 'Call log' }),
    );
    await page.screenshot({ path: `docs/screenshots/call-log-${size.width}.png` });

    // A planned call has the most actions (Mark Held, Mark Not Held, Cancel call).
    const planned = await host.invoke('calls.create', { direction: 'Outbound', subject: 'Buttons e2e' });
    const plannedDetail = await openCall(page, host.url, planned.id);
    await expect(plannedDetail.locator('.actions:not(.record-actions) button')).toHaveCount(3);
    await expectOneLineButtons(plannedDetail.locator('.actions:not(.record-actions) button'));
  });

  test(`at ${size.width}×${size.height} the wrap-up shows every field whole`, async ({ page, host }) => {
    await page.setViewportSize(size);
    const caller = await demoContact(host);
    await page.goto(host.url);
    const panel = await answerInbound(page, host, caller.e164);
    await panel.getByRole('button', { name: /^Hang up/ }).click();
    const form = dock(page).getByRole('form', { name: 'Wrap-up' });
    await form.getByLabel('Outcome').fill('Quote sent again');
    await form.getByLabel('Notes').fill('Asked about the renewal quote; call back next week.');
    await form.getByLabel('Disposition').selectOption({ index: 1 });
    await form.getByLabel('Create a follow-up task').check();
    await expectNothingCutOff(form.locator('label, legend, .chip, .call-timer, p'), dock(page));
    await expectOneLineButtons(form.locator('.chip, .form-actions button'));
    // Without the follow-up the whole form fits the screen, so the picture shows all of it.
    await form.getByLabel('Create a follow-up task').uncheck();
    await expect(form.getByText('Draft saved')).toBeVisible();
    await page.screenshot({ path: `docs/screenshots/wrap-up-${size.width}.png` });
  });
}

test('a long unbroken subject wraps inside the detail header at 1024 px', async ({ page, host }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  const subject = 'Renewal'.repeat(60); // 420 characters, no space to break at
  const call = await host.invoke('calls.create', { direction: 'Outbound', subject });
  const detail = await openCall(page, host.url, call.id);
  const pane = page.getByRole('region', { name: 'Call detail' });
  await expect(detail.locator('h1')).toHaveText(subject);
  await expectNothingCutOff(detail.locator('.detail-header h1, .detail-header .badge'), pane);
  const scrolls = await pane.evaluate((el) => el.scrollWidth > el.clientWidth);
  expect(scrolls, 'the detail pane scrolls sideways').toBe(false);
});

test('a 10,000-character subject is not cut silently: the counter says the limit and the form refuses', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'New call' }).click();
  const sheet = page.getByRole('dialog', { name: 'New call' });
  const subject = sheet.getByLabel('Subject');
  await subject.fill('Quarterly review');
  await expect(sheet.getByText('16 / 500 characters')).toBeVisible();
  await subject.fill('x'.repeat(10_000));
  await expect(subject).toHaveValue('x'.repeat(10_000)); // kept whole, not cut to 500
  await expect(sheet.getByText('10,000 characters: the limit is 500. Shorten it by 9,500 to save.')).toBeVisible();
  await sheet.getByRole('button', { name: 'Plan call' }).click();
  await expect(sheet.getByRole('alert')).toHaveText('The subject can be at most 500 characters; shorten it to save.');
  expect((await host.invoke('calls.list', { search: 'xxxxxxxx' })).items).toHaveLength(0);
});

test('each task title starts where the line under it starts, not centred in the row', async ({ page, host }) => {
  await page.goto(`${host.url}/#/tasks`);
  const rows = page.getByRole('list', { name: 'Open tasks' }).getByRole('listitem');
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) {
    // The text's own box (a Range), since a title that is a button spans the whole row.
    const left = (selector: string) =>
      row.locator(selector).evaluate((el) => {
        const range = el.ownerDocument.createRange();
        range.selectNodeContents(el);
        return Math.round(range.getBoundingClientRect().left);
      });
    const title = await row.locator('.call-row-title').innerText();
    expect(await left('.call-row-title'), `"${title}"`).toBe(await left('.call-row-sub'));
  }
});

/** How many lines an element's text takes (the distinct tops of its line boxes). */
function linesOf(element: Locator) {
  return element.evaluate((el) => {
    const range = el.ownerDocument.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
  });
}

for (const size of sizes) {
  test(`at ${size.width}×${size.height} the wrap-up's New caller legend is one line, its why a hint inside the box`, async ({
    page,
    host,
  }) => {
    await page.setViewportSize(size);
    await page.goto(host.url);
    const panel = await answerInbound(page, host, '+14155550166'); // a number no record has
    await panel.getByRole('button', { name: /^Hang up/ }).click();
    const group = dock(page).getByRole('form', { name: 'Wrap-up' }).getByRole('group', { name: 'New caller' });
    // A legend on two lines has its second line drawn over the fieldset's top border.
    expect(await linesOf(group.locator('legend'))).toBe(1);
    await expect(group).toHaveAccessibleDescription('Their name makes them a customer.');
    await expectNothingCutOff(group.locator('legend, .hint, label'), group);
    await page.screenshot({ path: `docs/screenshots/wrap-up-new-caller-${size.width}.png` });
  });
}

test('in the Tasks view each task’s due date shows whole, at 1366 and at 1024 px', async ({ page, host }) => {
  await page.goto(`${host.url}/#/tasks`);
  const list = page.getByRole('list', { name: 'Open tasks' });
  await expect(list.getByText(/due /).first()).toBeVisible();
  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.waitForFunction(`window.innerWidth === ${size.width}`);
    // The line under the title (the record, then "due …") and the SLA badge beside it.
    await expectNothingCutOff(list.locator('.call-row-sub, .sla'), list);
    await page.screenshot({ path: `docs/screenshots/tasks-${size.width}.png` });
  }
});

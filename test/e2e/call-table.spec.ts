import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';

/** The calls table: filters, sort, columns and density remembered; views; CSV export; keyboard; axe. */

const table = (page: Page) => page.getByRole('table', { name: 'Calls' });
const headers = (page: Page) => table(page).getByRole('columnheader');

async function openConsole(page: Page, url: string) {
  await page.goto(url);
  await expect(table(page).locator('[data-call-id]').first()).toBeVisible();
}

test('filters, sort, columns and density are remembered after a reload', async ({ page, host }) => {
  await openConsole(page, host.url);
  const filters = page.getByRole('group', { name: 'Filter calls' });
  await filters.getByRole('combobox', { name: 'Direction' }).selectOption('Inbound');
  await filters.getByRole('combobox', { name: 'Status' }).selectOption('Held');
  await headers(page).getByRole('button', { name: 'Duration' }).click();
  await page.getByRole('button', { name: 'Columns' }).click();
  const columns = page.getByRole('group', { name: 'Columns' });
  await columns.getByRole('checkbox', { name: 'Direction', exact: true }).uncheck();
  await columns.getByRole('checkbox', { name: 'Owner', exact: true }).check();
  await columns.getByRole('button', { name: 'Move Subject earlier' }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('group', { name: 'Density' }).getByRole('button', { name: 'Compact' }).click();

  const expected = ['Subject', 'When', 'With', 'Status', 'Disposition', 'Duration', 'Owner'];
  const check = async () => {
    await expect(filters.getByRole('combobox', { name: 'Direction' })).toHaveValue('Inbound');
    await expect(filters.getByRole('combobox', { name: 'Status' })).toHaveValue('Held');
    // The first header is the selection checkbox (bulk actions): no text of its own.
    await expect(headers(page)).toHaveText(['', ...expected.map((h) => new RegExp(`^${h}`)), 'Actions']);
    await expect(headers(page).filter({ hasText: 'Duration' })).toHaveAttribute('aria-sort', 'descending');
    await expect(page.getByRole('group', { name: 'Density' }).getByRole('button', { name: 'Compact' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(table(page)).toHaveClass(/density-compact/);
  };
  await check();
  // What the table shows is what the core says the filter matches, in duration order.
  const stored = await host.invoke('calls.list', { status: ['Held'], direction: 'Inbound', limit: 500 });
  await expect(page.locator('.pane-footer')).toHaveText(`${stored.total} ${stored.total === 1 ? 'call' : 'calls'}`);
  const longest = [...stored.items].sort((a, b) => (b.durationSeconds ?? -1) - (a.durationSeconds ?? -1))[0]!;
  await expect(table(page).getByRole('row').nth(1)).toContainText(longest.subject);

  await page.reload();
  await expect(table(page).locator('[data-call-id]').first()).toBeVisible();
  await check();
  // And after the app restarts.
  await host.restart();
  await page.reload();
  await check();
});

test('a filter chosen before the saved layout arrives is kept, on top of the saved layout', async ({ page, host }) => {
  await openConsole(page, host.url);
  // The saved layout: compact rows, no Disposition column.
  await page.getByRole('group', { name: 'Density' }).getByRole('button', { name: 'Compact' }).click();
  await page.getByRole('button', { name: 'Columns' }).click();
  const columns = page.getByRole('group', { name: 'Columns' });
  await columns.getByRole('checkbox', { name: 'Disposition', exact: true }).uncheck();
  await page.keyboard.press('Escape');
  await expect
    .poll(async () => {
      const saved = await host.invoke('callTable.layout', {});
      return [saved.density, saved.columns.includes('disposition')];
    })
    .toEqual(['compact', false]);

  // After a reload the core's answer to "what layout?" is held back until the agent has chosen a filter.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let layoutAsked = false;
  await page.routeWebSocket(/\/agent$/, (ws) => {
    const server = ws.connectToServer();
    const layoutIds = new Set<number>();
    ws.onMessage((message) => {
      const request = JSON.parse(String(message)) as { id?: number; name?: string };
      if (request.name === 'callTable.layout' && request.id !== undefined) {
        layoutIds.add(request.id);
        layoutAsked = true;
      }
      server.send(message);
    });
    server.onMessage((message) => {
      const reply = JSON.parse(String(message)) as { type?: string; id?: number };
      if (reply.type === 'reply' && reply.id !== undefined && layoutIds.has(reply.id)) {
        void held.then(() => ws.send(message));
      } else ws.send(message);
    });
  });
  await page.reload();
  await expect.poll(() => layoutAsked).toBe(true);
  const filters = page.getByRole('group', { name: 'Filter calls' });
  await filters.getByRole('combobox', { name: 'Status' }).selectOption('Held');
  // The menu still shows the default columns: the agent unticks Disposition again. Replayed
  // on the saved layout, that click hides it (it does not toggle it back on).
  await page.getByRole('button', { name: 'Columns' }).click();
  await columns.getByRole('checkbox', { name: 'Disposition', exact: true }).uncheck();
  await page.keyboard.press('Escape');
  release();

  const check = async () => {
    await expect(filters.getByRole('combobox', { name: 'Status' })).toHaveValue('Held');
    await expect(table(page)).toHaveClass(/density-compact/);
    await page.getByRole('button', { name: 'Columns' }).click();
    await expect(columns.getByRole('checkbox', { name: 'Disposition', exact: true })).not.toBeChecked();
    await page.keyboard.press('Escape');
    expect((await host.invoke('callTable.layout', {})).columns).not.toContain('disposition');
    const done = await host.invoke('calls.list', { status: ['Held'], limit: 500 });
    await expect(page.locator('.pane-footer')).toHaveText(`${done.total} ${done.total === 1 ? 'call' : 'calls'}`);
  };
  await check();
  // Saved as it shows: the same after another reload.
  await page.reload();
  await check();
});

test('a saved view is found after a restart, pinned with its live count', async ({ page, host }) => {
  await openConsole(page, host.url);
  await page.getByRole('group', { name: 'Filter calls' }).getByRole('checkbox', { name: 'Needs disposition' }).check();
  const { total } = await host.invoke('calls.tableCount', { filter: { needsDisposition: true } });
  expect(total).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Save view' }).click();
  const sheet = page.getByRole('dialog', { name: 'Save view' });
  await sheet.getByLabel('Name').fill('Needs a code');
  await sheet.getByRole('button', { name: 'Save view' }).click();
  await expect(sheet).toBeHidden();

  await host.restart();
  await page.reload();
  // Elsewhere, with the filter cleared: the pinned view brings it back.
  await page
    .getByRole('group', { name: 'Filter calls' })
    .getByRole('button', { name: /Clear filters/ })
    .click();
  await page.getByRole('button', { name: 'Contacts' }).click();
  const pinned = page.getByRole('group', { name: 'Pinned views' }).getByRole('button', { name: /Needs a code/ });
  await expect(pinned.getByTestId('view-count')).toHaveText(`${total} calls`);
  await pinned.click();
  await expect(page.getByRole('checkbox', { name: 'Needs disposition' })).toBeChecked();
  await expect(page.locator('.pane-footer')).toHaveText(`${total} ${total === 1 ? 'call' : 'calls'}`);
  await expect(
    page.getByRole('group', { name: 'Saved views' }).getByRole('button', { name: 'Needs a code', exact: true }),
  ).toHaveAttribute('aria-pressed', 'true');
});

test('export the current view as CSV: its columns, its calls, formulas neutralised', async ({ page, host }) => {
  await host.invoke('calls.create', { direction: 'Outbound', subject: '=HYPERLINK("http://x.example","Export e2e")' });
  await host.invoke('calls.create', { direction: 'Outbound', subject: '@SUM(1,2) Export e2e, "quoted"' });
  await openConsole(page, host.url);
  await page.getByRole('searchbox', { name: 'Search calls' }).fill('Export e2e');
  await expect(page.locator('.pane-footer')).toHaveText('2 calls');
  await page.getByRole('button', { name: 'Columns' }).click();
  await page
    .getByRole('group', { name: 'Columns' })
    .getByRole('checkbox', { name: 'Disposition', exact: true })
    .uncheck();
  await page.keyboard.press('Escape');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^calls-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync((await file.path())!, 'utf8');
  const lines = text.replace(/^\uFEFF/, '').split('\r\n');
  expect(lines[0]).toBe('When (UTC),Direction,Subject,With,Status,Duration (s)');
  expect(lines).toHaveLength(4); // header, two calls, and the empty string after the last CRLF
  expect(text).toContain(`"'=HYPERLINK(""http://x.example"",""Export e2e"")"`);
  expect(text).toContain(`"'@SUM(1,2) Export e2e, ""quoted"""`);
  await expect(page.getByText('Export saved.')).toBeVisible();
});

test('the table by keyboard: sort, open a call, call back; axe; screenshots', async ({ page, host }) => {
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1024, height: 768 },
  ]) {
    await page.setViewportSize(size);
    await openConsole(page, host.url);
    // The default columns fit the pane: no sideways scrolling (at 1024 px it gives up
    // disposition, duration and direction, which the call's drawer shows).
    const sideways = `(() => { const el = document.querySelector('.call-table-scroll'); return el.scrollWidth - el.clientWidth; })()`;
    await expect
      .poll(() => page.evaluate<number>(sideways), { message: 'sideways overflow in px' })
      .toBeLessThanOrEqual(0);
    await expect(headers(page)).toHaveText(
      size.width === 1366
        ? [/^$/, /^When/, /^Direction$/, /^Subject$/, /^With$/, /^Status$/, /^Disposition$/, /^Duration$/, /^Actions$/]
        : [/^$/, /^When/, /^Subject$/, /^With$/, /^Status$/, /^Actions$/],
    );
    await expectNoAxeViolations(page, `the calls table at ${size.width}`);
    await page.screenshot({ path: `docs/screenshots/call-table-${size.width}.png` });
  }
  // The keyboard walk below goes past the Duration column, which the 1024 px pane leaves out.
  await page.setViewportSize({ width: 1366, height: 768 });

  const sortBySubject = headers(page).getByRole('button', { name: 'Subject' });
  await sortBySubject.focus();
  await page.keyboard.press('Enter');
  await expect(headers(page).filter({ hasText: 'Subject' })).toHaveAttribute('aria-sort', 'descending');
  await page.keyboard.press('Enter');
  await expect(headers(page).filter({ hasText: 'Subject' })).toHaveAttribute('aria-sort', 'ascending');
  const { items } = await host.invoke('calls.table', {
    filter: {},
    sort: { column: 'subject', direction: 'asc' },
    limit: 1,
  });
  const first = table(page).getByRole('row').nth(1);
  await expect(first).toContainText(items[0]!.subject);

  // Tab from the header (past the Duration sort) into the first row: its selection
  // checkbox (bulk actions), its open button, then its quick actions.
  await page.keyboard.press('Tab');
  await expect(headers(page).getByRole('button', { name: 'Duration' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(first.getByRole('checkbox')).toBeFocused();
  await page.keyboard.press('Tab');
  const open = first.locator('[data-call-id]');
  await expect(open).toBeFocused();
  await page.keyboard.press('Tab');
  const quick = first.locator('.quick-action').first();
  await expect(quick).toBeFocused();
  await expect(quick).toHaveCSS('opacity', '1');
  await open.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Call detail' }).locator('article.detail')).toBeVisible();
  await expectNoAxeViolations(page, 'the calls table with a call open');
});

import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';

/** Bulk actions from the calls table: 1,000 calls selected by a filter (most not on screen), tagged, undone. */

test.describe.configure({ timeout: 300_000 });

test('bulk-tag 1,000 calls selected by a filter, then undo', async ({ page, host }) => {
  await host.invoke('demo.remove', {});
  const start = Date.parse('2026-11-20T15:00:00.000Z');
  for (let i = 0; i < 1000; i++) {
    await host.invoke('calls.create', {
      direction: 'Inbound',
      subject: `Storm line ${i + 1}`,
      status: 'NotHeld',
      reason: 'Caller hung up',
      actualStart: new Date(start + i * 60_000).toISOString(),
    });
  }
  // Not matched by the filter: must stay untagged.
  for (let i = 0; i < 5; i++) {
    await host.invoke('calls.create', { direction: 'Outbound', subject: `Follow-up ${i + 1}`, status: 'Planned' });
  }

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
  const table = page.getByRole('table', { name: 'Calls' });
  await expect(table.locator('[data-call-id]').first()).toBeVisible();
  await page
    .getByRole('group', { name: 'Filter calls' })
    .getByRole('combobox', { name: 'Direction' })
    .selectOption('Inbound');
  await expect(page.locator('.pane-footer')).toHaveText('1,000 calls');

  // Shift-click ranges first: rows 1 to 3 ticked with two clicks.
  await table.getByRole('checkbox', { name: 'Select Storm line 1000' }).click();
  await table.getByRole('checkbox', { name: 'Select Storm line 998' }).click({ modifiers: ['Shift'] });
  const bar = page.getByRole('region', { name: 'Bulk actions' });
  await expect(bar).toContainText('3 selected');

  // Then every call the filter matches, loaded on screen or not.
  await table.getByRole('checkbox', { name: 'Select all calls matching the filter' }).check();
  await expect(bar).toContainText('1,000 selected (all matching)');
  await bar.getByRole('textbox', { name: 'Tag for the selected calls' }).fill('storm-2026');
  await expectNoAxeViolations(page, 'the bulk bar');
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1024, height: 768 },
  ]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `docs/screenshots/bulk-bar-${size.width}.png` });
  }
  await bar.getByRole('button', { name: 'Tag', exact: true }).click();
  await expect(bar.getByRole('status')).toContainText('Tagged 1,000 calls “storm-2026”.');
  expect((await host.invoke('calls.tableCount', { filter: { tags: ['storm-2026'] } })).total).toBe(1000);
  expect(
    (await host.invoke('calls.tableCount', { filter: { tags: ['storm-2026'], direction: 'Outbound' } })).total,
  ).toBe(0);

  await bar.getByRole('button', { name: 'Undo' }).click();
  await expect(bar.getByRole('status')).toContainText('Undone: Tagged 1,000 calls');
  expect((await host.invoke('calls.tableCount', { filter: { tags: ['storm-2026'] } })).total).toBe(0);
});

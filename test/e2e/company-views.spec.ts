import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { screenshotsAtLaptopSizes } from './console';
import { startCrmServer } from './crm-server';
import { expect, test } from './fixtures';

/**
 * Company views edited from the console by a supervisor (published, renamed, deleted on
 * the CRM server) and seen read-only by an agent; the bulk bar's export of hand-picked rows.
 */

// A company set up with the server CLI, a server and a second desktop: slow on a shared machine.
test.describe.configure({ timeout: 600_000 });

const supervisor = { email: 'sup@acme.test', password: 'a supervisor passphrase' };

const table = (page: Page) => page.getByRole('table', { name: 'Calls' });
const savedViews = (page: Page) => page.getByRole('group', { name: 'Saved views' });
const pinnedViews = (page: Page) => page.getByRole('group', { name: 'Pinned views' });

async function openConsole(page: Page, url: string) {
  await page.goto(url);
  await expect(table(page).locator('[data-call-id]').first()).toBeVisible();
}

test('a supervisor publishes a company view, renames and deletes it; an agent sees it read-only', async ({
  page,
  host,
}) => {
  const crm = await startCrmServer({
    setup: (cli) =>
      cli(
        'create-user',
        '--company',
        'acme',
        '--email',
        supervisor.email,
        '--password',
        supervisor.password,
        '--role',
        'supervisor',
        '--name',
        'Sam Supervisor',
      ),
  });
  try {
    await host.invoke('session.login', {
      serverUrl: crm.url,
      company: crm.company,
      ...supervisor,
      discardPending: true,
    });
    await page.setViewportSize({ width: 1366, height: 768 });
    await openConsole(page, host.url);
    await page
      .getByRole('group', { name: 'Filter calls' })
      .getByRole('combobox', { name: 'Direction' })
      .selectOption('Inbound');
    const { total } = await host.invoke('calls.tableCount', { filter: { direction: 'Inbound' } });

    // Publish the table as it is now for the whole company.
    await page.getByRole('button', { name: 'Save view' }).click();
    const sheet = page.getByRole('dialog', { name: 'Save view' });
    await sheet.getByLabel('Name').fill('Team inbound');
    await sheet.getByRole('radio', { name: 'Everyone in the company' }).check({ force: true });
    await expectNoAxeViolations(page, 'save view, published for the company');
    await screenshotsAtLaptopSizes(page, 'company-view-publish');
    await sheet.getByRole('button', { name: 'Publish view' }).click();
    await expect(sheet).toBeHidden();
    expect((await crm.get<{ items: { name: string }[] }>('/call-views')).items.map((v) => v.name)).toEqual([
      'Team inbound',
    ]);

    // Found after a reload: among the saved views, and pinned with its live count.
    await page.reload();
    const chip = savedViews(page).getByRole('button', { name: 'Team inbound (company)' });
    await expect(chip).toBeVisible();
    await expect(
      pinnedViews(page)
        .getByRole('button', { name: /Team inbound/ })
        .getByTestId('view-count'),
    ).toHaveText(`${total} calls`);

    // Renamed in the editor.
    await savedViews(page).getByRole('button', { name: 'Edit company view Team inbound' }).click();
    const editor = page.getByRole('dialog', { name: 'Company view' });
    await expect(editor.getByLabel('Name')).toHaveValue('Team inbound');
    await editor.getByLabel('Name').fill('Inbound, whole team');
    await expectNoAxeViolations(page, 'company view editor');
    await screenshotsAtLaptopSizes(page, 'company-view-editor');
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await expect(editor).toBeHidden();

    await page.reload();
    await expect(savedViews(page).getByRole('button', { name: 'Inbound, whole team (company)' })).toBeVisible();
    await expect(savedViews(page).getByRole('button', { name: 'Team inbound (company)' })).toHaveCount(0);
    await expect(pinnedViews(page).getByRole('button', { name: /Inbound, whole team/ })).toBeVisible();

    // An agent signed in on this desktop gets the view from the server, read-only.
    await host.invoke('session.logout', {});
    await host.invoke('session.login', {
      serverUrl: crm.url,
      company: crm.company,
      ...crm.agent,
      discardPending: true,
    });
    await page.reload();
    await expect(page.getByText('Alex Agent', { exact: false }).first()).toBeVisible();
    await expect(savedViews(page).getByRole('button', { name: 'Inbound, whole team (company)' })).toBeVisible({
      timeout: 30_000,
    });
    await expect(savedViews(page).getByRole('button', { name: /^Edit company view/ })).toHaveCount(0);
    await expect(savedViews(page).getByRole('button', { name: /^Delete view/ })).toHaveCount(0);
    // An agent saves views only for themselves: no company choice when saving.
    await page.getByRole('button', { name: 'Save view' }).click();
    await expect(sheet.getByLabel('Name')).toBeVisible();
    await expect(sheet.getByRole('radio', { name: 'Everyone in the company' })).toHaveCount(0);
    await sheet.getByRole('button', { name: 'Cancel' }).click();
    // And the core refuses the agent even when asked directly.
    const views = await host.invoke('callViews.list', {});
    const shared = views.items.find((v) => v.scope === 'company')!;
    await expect(host.invoke('companyViews.remove', { id: shared.id })).rejects.toThrow(
      /Only a supervisor or an admin/,
    );

    // Back as the supervisor: deleted for everyone, after a confirmation.
    await host.invoke('session.logout', {});
    await host.invoke('session.login', {
      serverUrl: crm.url,
      company: crm.company,
      ...supervisor,
      discardPending: true,
    });
    await page.reload();
    await savedViews(page).getByRole('button', { name: 'Edit company view Inbound, whole team' }).click();
    await editor.getByRole('button', { name: 'Delete view…' }).click();
    await editor.getByRole('button', { name: 'Delete for everyone' }).click();
    await expect(editor).toBeHidden();
    await page.reload();
    await expect(table(page).locator('[data-call-id]').first()).toBeVisible();
    await expect(page.getByRole('button', { name: /Inbound, whole team/ })).toHaveCount(0);
    expect((await crm.get<{ items: unknown[] }>('/call-views')).items).toEqual([]);
  } finally {
    await crm.dispose();
  }
});

test('export the hand-picked rows: exactly those calls, with the columns shown, formulas neutralised', async ({
  page,
  host,
}) => {
  const start = Date.parse('2026-11-20T15:00:00.000Z');
  const subjects = ['Pick e2e one', '=Pick e2e two', 'Pick e2e three', 'Pick e2e four', 'Pick e2e five'];
  for (const [i, subject] of subjects.entries()) {
    await host.invoke('calls.create', {
      direction: 'Inbound',
      subject,
      status: 'NotHeld',
      reason: 'Caller hung up',
      actualStart: new Date(start + i * 60_000).toISOString(),
    });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
  await openConsole(page, host.url);
  await page.getByRole('searchbox', { name: 'Search calls' }).fill('Pick e2e');
  await expect(page.locator('.pane-footer')).toHaveText('5 calls');
  await page.getByRole('button', { name: 'Columns' }).click();
  await page
    .getByRole('group', { name: 'Columns' })
    .getByRole('checkbox', { name: 'Direction', exact: true })
    .uncheck();
  await page.keyboard.press('Escape');

  // Newest first: five, four, three, two, one. A shift-click range (five to four), then one by itself.
  await table(page).getByRole('checkbox', { name: 'Select Pick e2e five' }).click();
  await table(page)
    .getByRole('checkbox', { name: 'Select Pick e2e four' })
    .click({ modifiers: ['Shift'] });
  await table(page).getByRole('checkbox', { name: 'Select =Pick e2e two' }).click();
  const bar = page.getByRole('region', { name: 'Bulk actions' });
  await expect(bar).toContainText('3 selected');
  await expectNoAxeViolations(page, 'the bulk bar with export');
  await screenshotsAtLaptopSizes(page, 'bulk-export');

  const download = page.waitForEvent('download');
  await bar.getByRole('button', { name: 'Export selected as CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^calls-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = readFileSync((await file.path())!, 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\r\n');
  expect(lines[0]).toBe('When (UTC),Subject,With,Status,Disposition,Duration (s)');
  expect(lines.slice(1, -1).map((line) => line.split(',')[1])).toEqual([
    'Pick e2e five',
    'Pick e2e four',
    "'=Pick e2e two",
  ]);
  expect(lines.at(-1)).toBe('');
  await expect(page.getByText('Export saved.')).toBeVisible();
});

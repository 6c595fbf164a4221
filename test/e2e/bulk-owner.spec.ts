import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { startCrmServer } from './crm-server';
import { expect, test, type ConsoleHost } from './fixtures';

/**
 * The bulk bar's "Change owner": a supervisor gives every call a filter matches (most of
 * them not on screen) to another agent; after a reload the calls are that agent's. An
 * agent's bulk bar has no such action.
 */

// A company set up with the server CLI and a server started per test: slow on a shared machine.
test.describe.configure({ timeout: 900_000 });

const supervisor = { email: 'sup@acme.test', password: 'a supervisor passphrase' };
const blake = { email: 'blake@acme.test', password: 'blake’s long passphrase' };
const INBOUND = 60;

/** Signs in and syncs until the desktop holds the calls it should see (a loaded machine may need a retry). */
async function signInAs(host: ConsoleHost, url: string, who: { email: string; password: string }, calls: number) {
  await host.invoke('session.login', { serverUrl: url, company: 'acme', ...who });
  await expect
    .poll(
      async () => {
        await host.invoke('sync.now', {});
        return (await host.invoke('calls.tableCount', { filter: {} })).total;
      },
      { timeout: 120_000, intervals: [1_000, 2_000, 5_000] },
    )
    .toBe(calls);
}

/**
 * Waits until the calls table has its saved layout (the footer counts calls instead of
 * "Loading…"): a filter chosen before that is replaced by the saved one as it arrives,
 * which on a loaded machine left the table unfiltered (63 calls where 60 were due).
 */
async function tableLoaded(page: Page) {
  await expect(page.locator('.pane-footer')).toHaveText(/^[\d,]+ calls?$/);
}

/** The call's drawer on its Details tab, after a reload (what is shown comes from the store). */
async function openDetails(page: Page, url: string, id: string) {
  await page.goto(`${url}/#/calls/${id}`);
  await page.reload();
  const detail = page.locator('article.detail');
  await detail.getByRole('tab', { name: 'Details' }).click();
  return detail;
}

test('a supervisor gives the calls a filter selects to another agent; an agent has no such action', async ({
  page,
  host,
}) => {
  const crm = await startCrmServer({
    setup: (cli) => {
      cli(
        ...['create-user', '--company', 'acme', '--email', supervisor.email, '--password', supervisor.password],
        ...['--role', 'supervisor', '--name', 'Sam Supervisor'],
      );
      cli(
        ...['create-user', '--company', 'acme', '--email', blake.email, '--password', blake.password],
        ...['--role', 'agent', '--name', 'Blake Agent'],
      );
    },
  });
  try {
    await host.invoke('demo.remove', {});
    // Alex's calls, logged from their other desktop: missed inbound ones, and a few outbound.
    const start = Date.now() - 2 * 86_400_000;
    const at = new Date().toISOString();
    const created = await crm.push([
      ...Array.from({ length: INBOUND }, (_, i) => ({
        name: 'call.create',
        args: {
          id: `storm-${i + 1}`,
          direction: 'Inbound',
          subject: `Storm line ${i + 1}`,
          status: 'NotHeld',
          reason: 'Caller hung up',
          actualStart: new Date(start + i * 60_000).toISOString(),
          at,
        },
      })),
      ...Array.from({ length: 3 }, (_, i) => ({
        name: 'call.create',
        args: { id: `follow-${i + 1}`, direction: 'Outbound', subject: `Follow-up ${i + 1}`, at },
      })),
    ]);
    expect(created.every((outcome) => outcome.status === 'applied')).toBe(true);

    // Alex's desktop: a bulk bar without "Change owner".
    await signInAs(host, crm.url, crm.agent, INBOUND + 3);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(host.url);
    const table = page.getByRole('table', { name: 'Calls' });
    await table.getByRole('checkbox', { name: 'Select Storm line 60' }).click();
    const bar = page.getByRole('region', { name: 'Bulk actions' });
    await expect(bar).toContainText('1 selected');
    await expect(bar.getByRole('button', { name: 'Mark spam' })).toBeVisible();
    await expect(bar.getByRole('button', { name: 'Change owner' })).toHaveCount(0);
    await expect(bar.getByRole('combobox', { name: 'New owner for the selected calls' })).toHaveCount(0);
    // Nor in the drawer: the owner is shown, not offered for change.
    let details = await openDetails(page, host.url, 'storm-60');
    await expect(details.getByTestId('detail-owner')).toHaveText('You');
    await expect(details.getByRole('button', { name: 'Change owner' })).toHaveCount(0);
    await host.invoke('session.logout', {});

    // The supervisor's desktop: every inbound call, selected by the filter, given to Blake.
    await signInAs(host, crm.url, supervisor, INBOUND + 3);
    await expect
      .poll(async () => (await host.invoke('teammates.list', {})).items.map((t) => t.name), { timeout: 60_000 })
      .toContain('Blake Agent');
    // Back to the table alone (the agent's part left a drawer open).
    await page.goto(`${host.url}/#/calls`);
    await page.reload();
    await tableLoaded(page);
    const filters = page.getByRole('group', { name: 'Filter calls' });
    await filters.getByRole('combobox', { name: 'Direction' }).selectOption('Inbound');
    await expect(page.locator('.pane-footer')).toHaveText(`${INBOUND} calls`);
    await table.getByRole('checkbox', { name: 'Select all calls matching the filter' }).check();
    await expect(bar).toContainText(`${INBOUND} selected (all matching)`);
    const picker = bar.getByRole('combobox', { name: 'New owner for the selected calls' });
    await picker.selectOption({ label: 'Blake Agent' });
    await expectNoAxeViolations(page, 'the bulk bar with the owner picker');
    for (const width of [1366, 1024]) {
      await page.setViewportSize({ width, height: 768 });
      await page.screenshot({ path: `docs/screenshots/bulk-owner-${width}.png` });
    }
    await page.setViewportSize({ width: 1366, height: 768 });
    await bar.getByRole('button', { name: 'Change owner' }).click();
    await expect(bar.getByRole('status')).toContainText(`Gave ${INBOUND} calls to Blake Agent.`);
    await host.invoke('sync.now', {});
    await expect.poll(async () => (await host.invoke('sync.status', {})).pending, { timeout: 60_000 }).toBe(0);
    expect((await host.invoke('sync.rejections', {})).items).toEqual([]);

    // Read back after a reload: Blake owns the inbound calls, Alex still the outbound ones.
    await page.reload();
    await tableLoaded(page);
    await filters.getByRole('combobox', { name: 'Direction' }).selectOption('');
    await filters.getByRole('combobox', { name: 'Owner' }).selectOption({ label: 'Blake Agent' });
    await expect(page.locator('.pane-footer')).toHaveText(`${INBOUND} calls`);
    await expect(table.getByText('Follow-up 1')).toHaveCount(0);
    await filters.getByRole('combobox', { name: 'Owner' }).selectOption({ label: 'Alex Agent' });
    await expect(page.locator('.pane-footer')).toHaveText('3 calls');

    // One call, from its drawer: given back to Alex, read back after a reload.
    details = await openDetails(page, host.url, 'storm-1');
    const owner = details.getByRole('combobox', { name: 'Owner of this call' });
    await expect(owner.locator('option:checked')).toHaveText('Blake Agent');
    await owner.selectOption({ label: 'Alex Agent' });
    await expectNoAxeViolations(page, 'the call drawer’s owner picker');
    for (const width of [1366, 1024]) {
      await page.setViewportSize({ width, height: 768 });
      await page.screenshot({ path: `docs/screenshots/call-drawer-owner-${width}.png` });
    }
    await page.setViewportSize({ width: 1366, height: 768 });
    await details.getByRole('button', { name: 'Change owner' }).click();
    await expect(details.getByRole('button', { name: 'Change owner' })).toBeDisabled();
    details = await openDetails(page, host.url, 'storm-1');
    await expect(details.getByRole('combobox', { name: 'Owner of this call' }).locator('option:checked')).toHaveText(
      'Alex Agent',
    );
  } finally {
    await crm.dispose();
  }
});

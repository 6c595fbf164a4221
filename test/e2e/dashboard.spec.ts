import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { answerInbound, demoContact, dock, screenshotsAtLaptopSizes } from './console';
import { startCrmServer, type CrmServer } from './crm-server';
import { expect, test } from './fixtures';

/** The value of one of the dashboard's figure tiles ("Answered", "Calls in"…). */
function figure(page: Page, name: string) {
  return page.locator(`.figure-tile[data-figure="${name}"] .figure-value`);
}

async function openDashboard(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /dashboard/i })).toBeVisible();
}

test('agent: own figures from the local store, a call counted after its wrap-up, table views, period kept over a reload', async ({
  page,
  host,
}) => {
  // The app's CSP (style-src 'self', connect-src 'self'…) is on every page in browser
  // mode: the charts must draw without a violation and without leaving the origin.
  const problems: string[] = [];
  await page.addInitScript(`document.addEventListener('securitypolicyviolation', (event) =>
    console.error('CSP violation: ' + event.violatedDirective + ' ' + event.blockedURI));`);
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().startsWith('CSP violation')) problems.push(message.text());
  });
  page.on('request', (request) => {
    if (new URL(request.url()).origin !== new URL(host.url).origin) problems.push(`request: ${request.url()}`);
  });
  await page.goto(host.url);
  await openDashboard(page);
  await page.getByText('Today', { exact: true }).click();
  const answeredBefore = Number(await figure(page, 'Answered').textContent());
  const inBefore = Number(await figure(page, 'Calls in').textContent());

  // A call answered, talked and wrapped up: the dashboard counts it (local store, no server).
  const { e164 } = await demoContact(host);
  const panel = await answerInbound(page, host, e164);
  await page.waitForTimeout(1100);
  await panel.getByRole('button', { name: /^Hang up/ }).click();
  const form = dock(page).getByRole('form', { name: 'Wrap-up' });
  await form.getByLabel('Disposition').selectOption({ label: 'Resolved' });
  await form.getByRole('button', { name: 'Save and finish' }).click();
  await expect(form).toBeHidden();
  await expect(figure(page, 'Answered')).toHaveText(String(answeredBefore + 1));
  await expect(figure(page, 'Calls in')).toHaveText(String(inBefore + 1));
  await expect(figure(page, 'Average handle time')).not.toHaveText('—');

  // Each chart has a name and a table view with the same numbers.
  const volume = page.getByRole('region', { name: 'Calls in and out by hour' });
  await expect(volume.getByRole('img', { name: 'Calls in and out by hour' })).toBeVisible();
  await volume.getByRole('button', { name: 'Show table' }).click();
  const rows = volume.getByRole('table').getByRole('row');
  // A header and one row per hour of today (23, 24 or 25 of them on a DST day).
  expect(await rows.count()).toBeGreaterThanOrEqual(24);
  const inColumn = await volume.getByRole('table').locator('tbody tr td:nth-child(2)').allTextContents();
  expect(inColumn.reduce((sum, n) => sum + Number(n), 0)).toBe(inBefore + 1);
  await volume.getByRole('button', { name: 'Show chart' }).click();
  const outcomes = page.getByRole('region', { name: 'Outcomes' });
  await outcomes.getByRole('button', { name: 'Show table' }).click();
  await expect(outcomes.getByRole('row', { name: /^Held/ })).toBeVisible();

  await page.getByText('Month', { exact: true }).click();
  await expect(page.getByRole('region', { name: 'Calls in and out by day' })).toBeVisible();
  await expectNoAxeViolations(page, 'dashboard (agent, month)');
  await screenshotsAtLaptopSizes(page, 'dashboard');

  // A custom period: the choice is kept over a reload.
  await page.getByText('Custom', { exact: true }).click();
  await page.getByLabel('First day').fill('2026-03-01');
  await page.getByLabel('Last day').fill('2026-03-31');
  await expect(page.getByRole('region', { name: 'Calls in and out by day' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('radio', { name: 'Custom' })).toBeChecked();
  await expect(page.getByLabel('First day')).toHaveValue('2026-03-01');
  await expect(page.getByLabel('Last day')).toHaveValue('2026-03-31');
  await expect(page.getByRole('region', { name: 'Calls in and out by day' })).toBeVisible();
  await expectNoAxeViolations(page, 'dashboard (custom period)');
  expect(problems).toEqual([]);
});

test.describe('supervisor', () => {
  // The CRM server's start (PGlite, migrations) and two sign-ins: slow on a loaded machine.
  test.describe.configure({ timeout: 180_000 });
  let crm: CrmServer;
  const supervisor = { email: 'sam@acme.test', password: 'supervisor passphrase here' };

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    crm = await startCrmServer({
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
  });
  test.afterAll(async () => {
    await crm?.dispose();
  });

  test('the team: a row per agent from the server; an agent sees no team choice', async ({ page, host }) => {
    // The agent's calls reach the server from their desktop: two answered, one missed, this hour.
    const now = Date.now();
    const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
    const held = (id: string, start: number, end: number, wrapped: number) => [
      {
        name: 'call.create',
        args: {
          id,
          direction: 'Inbound',
          subject: id,
          status: 'Held',
          actualStart: at(start),
          actualEnd: at(end),
          dispositionCode: 'resolved',
          at: at(end),
        },
      },
      { name: 'call.update', args: { id, set: { wrappedUpAt: at(wrapped) }, at: at(wrapped) } },
    ];
    const outcomes = await crm.push([
      ...held('0190a000-0000-7000-8000-000000000001', 10, 6, 5),
      ...held('0190a000-0000-7000-8000-000000000002', 4, 2, 1),
      {
        name: 'call.create',
        args: {
          id: '0190a000-0000-7000-8000-000000000003',
          direction: 'Inbound',
          subject: 'missed',
          status: 'NotHeld',
          reason: 'Caller hung up',
          actualStart: at(3),
          actualEnd: at(3),
          dispositionCode: 'missed',
          at: at(3),
        },
      },
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);

    await page.goto(host.url);
    await host.invoke('session.login', {
      serverUrl: crm.url,
      company: crm.company,
      ...supervisor,
      discardPending: true,
    });
    await openDashboard(page);
    await page.getByText('Today', { exact: true }).click();
    await page.getByRole('radio', { name: 'Team' }).check({ force: true });
    await expect(page.getByRole('heading', { level: 1, name: 'Team dashboard' })).toBeVisible();
    const agents = page.getByRole('region', { name: 'By agent' });
    const alex = agents.getByRole('row', { name: /Alex Agent/ });
    await expect(alex).toBeVisible();
    // In, out, answered, missed, answer rate, talk (4 + 2 min), average handle ((4+1) + (2+1) min) / 2.
    await expect(alex.getByRole('cell')).toHaveText(['3', '0', '2', '1', '67%', '6 min', '4 min']);
    await expect(figure(page, 'Answer rate')).toHaveText('67%');
    await expectNoAxeViolations(page, 'dashboard (team)');
    await screenshotsAtLaptopSizes(page, 'dashboard-team');

    // The team choice is kept over a reload too.
    await page.reload();
    await expect(page.getByRole('radio', { name: 'Team' })).toBeChecked();
    await expect(agents.getByRole('row', { name: /Alex Agent/ })).toBeVisible();
  });

  test('an agent signed in has no team choice, and the server refuses them the team', async ({ page, host }) => {
    await page.goto(host.url);
    await host.invoke('session.login', {
      serverUrl: crm.url,
      company: crm.company,
      ...crm.agent,
      discardPending: true,
    });
    await openDashboard(page);
    await expect(page.getByRole('radio', { name: 'Team' })).toHaveCount(0);
    const token = await crm.signIn();
    const refused = await fetch(`${crm.url}/analytics/dashboard?scope=team`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(refused.status).toBe(403);
  });
});

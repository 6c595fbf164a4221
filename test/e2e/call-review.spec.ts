import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { startCrmServer } from './crm-server';
import { expect, test, type ConsoleHost } from './fixtures';

// A company set up with the server CLI and a server started per test: slow on a shared machine.
test.describe.configure({ timeout: 300_000 });

const supervisor = { email: 'sup@acme.test', password: 'a supervisor passphrase' };
const sizes = [1366, 1024] as const;

async function signInAs(host: ConsoleHost, url: string, who: { email: string; password: string }) {
  await host.invoke('session.login', { serverUrl: url, company: 'acme', ...who });
  await host.invoke('sync.now', {});
}

async function openCall(page: Page, url: string, id: string) {
  await page.goto(`${url}/#/calls/${id}`);
  await page.reload();
  return page.locator('article.detail');
}

test('a supervisor flags an agent’s call for review with a score and a comment; the agent sees it after sync', async ({
  page,
  host,
}) => {
  const crm = await startCrmServer({
    setup: (cli) =>
      cli(
        ...['create-user', '--company', 'acme', '--email', supervisor.email, '--password', supervisor.password],
        ...['--role', 'supervisor', '--name', 'Sam Supervisor'],
      ),
  });
  try {
    // The agent's call, logged from their other desktop.
    const id = `review-e2e-${Date.now()}`;
    const end = new Date(Date.now() - 60 * 60_000);
    const outcomes = await crm.push([
      {
        name: 'call.create',
        args: {
          id,
          direction: 'Inbound',
          subject: 'Boiler service booking',
          status: 'Held',
          actualStart: new Date(end.getTime() - 7 * 60_000).toISOString(),
          actualEnd: end.toISOString(),
          dispositionCode: 'resolved',
          outcomeText: 'Booked for Friday',
          fromNumber: '+14155550123',
          at: end.toISOString(),
        },
      },
    ]);
    expect(outcomes[0]).toMatchObject({ status: 'applied' });

    // The supervisor's desktop: the drawer's tabs, and the review form.
    await signInAs(host, crm.url, supervisor);
    await page.setViewportSize({ width: 1366, height: 768 });
    let detail = await openCall(page, host.url, id);
    const tabs = detail.getByRole('tablist', { name: 'Call review' });
    await expect(tabs.getByRole('tab')).toHaveText(['Summary', 'Recording', 'Notes', 'History', 'Details']);
    await expect(detail.getByRole('region', { name: 'Review' })).toContainText('Not reviewed.');
    await detail.getByRole('button', { name: 'Flag for review' }).click();
    const form = detail.getByRole('form', { name: 'Review this call' });
    await form.getByRole('radio', { name: '2' }).check();
    await form.getByLabel('Comment for the agent').fill('Confirm the address and the access code before booking.');
    await expectNoAxeViolations(page, 'call review form');
    await form.getByRole('button', { name: 'Save review' }).click();
    await expect(form).toBeHidden();

    // Read back after a reload.
    detail = await openCall(page, host.url, id);
    const review = detail.getByTestId('call-review');
    await expect(review).toContainText('2 / 5');
    await expect(review).toContainText('Confirm the address and the access code before booking.');

    // Each tab, keyboard-reachable, looked at and checked by axe at both laptop sizes.
    await detail.getByRole('tab', { name: 'Summary' }).focus();
    for (const name of ['Summary', 'Recording', 'Notes', 'History', 'Details'] as const) {
      if (name !== 'Summary') await page.keyboard.press('ArrowRight');
      await expect(detail.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
      if (name === 'Recording') {
        await expect(detail).toContainText('No recording of this call.');
        await expect(detail.getByRole('region', { name: 'Transcript' })).toContainText('No transcript.');
      }
      await expectNoAxeViolations(page, `call drawer ${name} tab`);
      for (const width of sizes) {
        await page.setViewportSize({ width, height: 768 });
        await page.screenshot({ path: `docs/screenshots/call-drawer-${name.toLowerCase()}-${width}.png` });
      }
      await page.setViewportSize({ width: 1366, height: 768 });
    }
    await host.invoke('sync.now', {});
    await expect.poll(async () => (await host.invoke('sync.status', {})).pending).toBe(0);

    // The agent's desktop, after sync: the review is on their call.
    await host.invoke('session.logout', {});
    await signInAs(host, crm.url, crm.agent);
    detail = await openCall(page, host.url, id);
    await expect(detail.getByTestId('call-review')).toContainText('2 / 5');
    await expect(detail.getByTestId('call-review')).toContainText('Sam Supervisor');
    await expect(detail.getByRole('button', { name: /review/i })).toHaveCount(0);
  } finally {
    await crm.dispose();
  }
});

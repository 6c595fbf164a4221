import type { Page } from '@playwright/test';
import type { CallRecord } from '../../src/shared/domain/call';
import { startCrmServer, type CrmServer } from './crm-server';
import { expect, test } from './fixtures';
import { axeOn } from './axe';

// Each test sets up a company with the server CLI and starts the server: on a loaded
// 2-core machine that alone can take most of Playwright's default minute.
test.describe.configure({ timeout: 180_000 });

let crm: CrmServer;
test.beforeEach(async () => {
  crm = await startCrmServer();
});
test.afterEach(async () => {
  await crm.dispose();
});

function dock(page: Page) {
  return page.getByRole('complementary', { name: 'Phone' });
}

/** An inbound call from a number, answered, hung up and wrapped up with a disposition. */
async function logInboundCall(
  page: Page,
  host: { invoke: (n: 'dev.injectInbound', i: { from: string }) => Promise<unknown> },
  from: string,
  outcome: string,
) {
  await host.invoke('dev.injectInbound', { from });
  await dock(page)
    .getByRole('button', { name: /^Answer/ })
    .click();
  await dock(page)
    .getByRole('button', { name: /^Hang up/ })
    .click();
  const form = dock(page).getByRole('form', { name: 'Wrap-up' });
  await form.getByLabel('Outcome').fill(outcome);
  await form.getByLabel('Disposition').selectOption({ index: 1 });
  await form.getByRole('button', { name: 'Save and finish' }).click();
  await expect(form).toBeHidden();
}

test('sign in, lose the server, log two calls, see them wait, get the server back, see them drain', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  const indicator = page.getByRole('button', { name: /^Sync:/ });
  await expect(page.getByTestId('sync-state')).toHaveText('Not signed in');

  await indicator.click();
  await page.getByRole('dialog', { name: 'Sync details' }).getByRole('button', { name: 'Sign in' }).click();
  const login = page.getByRole('dialog', { name: 'Sign in to the CRM server' });
  await login.getByLabel('Server').fill(crm.url);
  await login.getByLabel('Company').fill(crm.company);
  await login.getByLabel('Email').fill(crm.agent.email);
  await login.getByLabel('Password').fill(crm.agent.password);
  await login.getByRole('button', { name: 'Sign in' }).click();
  await expect(login).toBeHidden();
  await expect(page.getByTestId('sync-state')).toHaveText('Synced', { timeout: 30_000 });

  await crm.stop();
  await logInboundCall(page, host, '+14155550142', 'Offline call one');
  await logInboundCall(page, host, '+14155550143', 'Offline call two');
  await expect(page.getByTestId('sync-state')).toHaveText(/Offline|Sync error/, { timeout: 30_000 });
  await expect(page.getByTestId('sync-pending')).toHaveText(/^\d+ waiting$/);
  const waiting = Number((await page.getByTestId('sync-pending').innerText()).split(' ')[0]);
  expect(waiting).toBeGreaterThanOrEqual(2);
  await page.screenshot({ path: 'docs/screenshots/offline-waiting.png' });

  await crm.start();
  // The OS says the network is back: the console syncs without being asked.
  await page.evaluate("window.dispatchEvent(new Event('online'))");
  await expect(page.getByTestId('sync-state')).toHaveText('Synced', { timeout: 30_000 });
  await expect(page.getByTestId('sync-pending')).toHaveCount(0);
  await indicator.click();
  const details = page.getByRole('dialog', { name: 'Sync details' });
  await expect(details).toContainText('Alex Agent (agent)');
  await details.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('sync-state')).toHaveText('Synced');

  const local = await host.invoke('calls.list', { search: 'Offline call', limit: 10 });
  expect(local.items).toHaveLength(2);
  const onServer = await crm.get<{ items: { id: string; status: string; durationSeconds: number | null }[] }>(
    '/calls?limit=100',
  );
  for (const call of local.items) {
    const remote = onServer.items.find((c) => c.id === call.id);
    expect(remote, `call ${call.id} on the server`).toBeDefined();
    expect(remote).toMatchObject({ status: 'Held', durationSeconds: call.durationSeconds });
  }
});

async function signInFromConsole(page: Page) {
  await page.getByRole('button', { name: /^Sync:/ }).click();
  await page.getByRole('dialog', { name: 'Sync details' }).getByRole('button', { name: 'Sign in' }).click();
  const login = page.getByRole('dialog', { name: 'Sign in to the CRM server' });
  await login.getByLabel('Server').fill(crm.url);
  await login.getByLabel('Company').fill(crm.company);
  await login.getByLabel('Email').fill(crm.agent.email);
  await login.getByLabel('Password').fill(crm.agent.password);
  await login.getByRole('button', { name: 'Sign in' }).click();
  await expect(login).toBeHidden();
  await expect(page.getByTestId('sync-state')).toHaveText('Synced', { timeout: 30_000 });
}

test('demo data is marked Demo and never refused; a refused change is named, retried and discarded', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  // Demo records look different from real ones, in the call log and among contacts.
  await expect(page.locator('.call-table-row .badge.demo').first()).toHaveText('Demo');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Contacts' }).click();
  await expect(page.locator('.contact-row .badge.demo').first()).toHaveText('Demo');
  await page.locator('.contact-row').first().click();
  await expect(page.locator('.detail-header .badge.demo')).toHaveText('Demo');
  await expect(page.locator('.timeline-entry .badge.demo').first()).toHaveText('Demo');
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: 'docs/screenshots/contacts-demo-1024.png' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Calls' }).click();

  await signInFromConsole(page);
  // Edits of demo calls stay on this desktop: nothing waits, nothing is refused.
  const { items } = await host.invoke('calls.list', { limit: 200 });
  const demoCalls = items.filter((call) => call.isDemo);
  await host.invoke('calls.update', { id: demoCalls[0]!.id, subject: 'Demo call, edited' });
  await host.invoke('calls.update', { id: demoCalls[1]!.id, subject: 'Another demo call, edited' });
  await expect(page.getByTestId('sync-pending')).toHaveCount(0);

  // A real call, then the agent's other desktop marks it Held while this one cancels it:
  // the server refuses the cancellation (a held call cannot change status).
  const real = await host.invoke('calls.create', { direction: 'Inbound', subject: 'Billing dispute' });
  await expect(page.getByTestId('sync-pending')).toHaveCount(0, { timeout: 30_000 });
  const at = new Date().toISOString();
  const outcomes = await crm.push([
    {
      name: 'call.setStatus',
      args: { id: real.id, to: 'Held', actualStart: at, actualEnd: at, at },
    },
  ]);
  expect(outcomes[0]?.status).toBe('applied');
  await host.invoke('calls.setStatus', { id: real.id, to: 'Cancelled', reason: 'Duplicate entry' });

  await page.getByRole('button', { name: /^Sync:/ }).click();
  const details = page.getByRole('dialog', { name: 'Sync details' });
  const refused = details.getByRole('region', { name: /The server refused/ });
  await expect(refused).toHaveAccessibleName('The server refused 1 change', { timeout: 30_000 });
  const item = refused.getByTestId('refused-change');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('Call “Billing dispute”');
  await expect(item).toContainText('Set the status to Cancelled');
  await expect(item).toContainText('A Held call cannot change status.');
  await expect(details).not.toContainText('Demo call');
  for (const width of [1366, 1024]) {
    await page.setViewportSize({ width, height: 768 });
    await page.screenshot({ path: `docs/screenshots/sync-refused-${width}.png` });
  }
  const axe = await axeOn(page).include('[aria-label="Sync details"]').analyze();
  expect(axe.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);

  // Retry goes through the one write path: here the call is Held again (the pull put the
  // server's copy back), so the agent is told why at once and the refusal stays, to discard.
  await item.getByRole('button', { name: /^Retry/ }).click();
  await expect(page.getByRole('status')).toContainText('cannot');
  await expect(refused).toHaveAccessibleName('The server refused 1 change');

  // Discard gives it up: the call goes back to the server's copy (Held), and stays so.
  await details
    .getByTestId('refused-change')
    .getByRole('button', { name: /^Discard/ })
    .click();
  await expect(details.getByRole('region', { name: /The server refused/ })).toBeHidden();
  await expect
    .poll(async () => (await host.invoke('calls.get', { id: real.id })).status, { timeout: 30_000 })
    .toBe('Held');
  await page.reload();
  await expect(page.getByTestId('sync-state')).toHaveText('Synced', { timeout: 30_000 });
  await page.getByRole('button', { name: /^Sync:/ }).click();
  await expect(
    page.getByRole('dialog', { name: 'Sync details' }).getByRole('region', { name: /The server refused/ }),
  ).toHaveCount(0);
  const onServer = await crm.get<CallRecord>(`/calls/${real.id}`);
  expect(onServer.status).toBe('Held');
  expect((await host.invoke('calls.get', { id: demoCalls[0]!.id })).subject).toBe('Demo call, edited');
});

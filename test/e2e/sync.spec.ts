import type { Page } from '@playwright/test';
import { startCrmServer, type CrmServer } from './crm-server';
import { expect, test } from './fixtures';

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

import { test as base, expect } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Temporal } from 'temporal-polyfill';
import type { ApiInput, ApiName, ApiOutput } from '../../src/shared/api';
import { expectNoAxeViolations } from './axe';
import { invokeOverSocket, startHost } from './console-host';
import { stopProcess } from './processes';

/** A console whose core runs on a manual clock (browser mode's --manual-clock), moved by dev.clock.advance. */
const test = base.extend<{
  host: { url: string; invoke<K extends ApiName>(name: K, input: ApiInput<K>): Promise<ApiOutput<K>> };
}>({
  host: async ({}, use) => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'switchboard-e2e-clock-'));
    const running = await startHost(dataDir, 0, ['--manual-clock', new Date().toISOString()]);
    await use({ url: running.url, invoke: (name, input) => invokeOverSocket(running.url, name, input) });
    await stopProcess(running.child);
    rmSync(dataDir, { recursive: true, force: true });
  },
});
test.describe.configure({ timeout: 420_000 });

const sizes = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
] as const;

test('a call planned for tomorrow 14:00 New York time with a reminder 30 minutes before rings for the owner, snoozes, is dismissed, and follows a reschedule', async ({
  page,
  host,
}) => {
  await host.invoke('settings.update', { timeZone: 'Europe/Berlin' });
  const { items: contacts } = await host.invoke('contacts.list', { limit: 500 });
  const contact = contacts.find((c) => c.phones.length > 0 && !c.doNotContact)!;
  const { items: teammates } = await host.invoke('teammates.list', {});
  const tomorrow = Temporal.Now.plainDateISO('America/New_York').add({ days: 1 }).toString();

  await page.setViewportSize(sizes[0]);
  await page.goto(host.url);
  await page.getByRole('button', { name: 'New call' }).click();
  const sheet = page.getByRole('dialog', { name: 'New call' });
  await sheet.getByLabel('Subject').fill('Renewal terms with the buyer');
  await sheet.getByLabel('Contact', { exact: true }).fill(contact.lastName);
  await sheet.getByRole('listbox', { name: 'Matching contacts' }).getByRole('button').first().click();
  await sheet.getByLabel('Planned for').fill(`${tomorrow}T14:00`);
  await sheet.getByLabel('Time zone').fill('America/New_York');
  const reminders = sheet.getByRole('group', { name: 'Remind me' });
  await reminders.getByRole('button', { name: '15 minutes before' }).click();
  await reminders.getByRole('button', { name: '30 minutes before' }).click();
  await expect(reminders.getByRole('button', { name: '30 minutes before' })).toHaveAttribute('aria-pressed', 'true');
  await sheet.getByLabel('Add a teammate').selectOption({ label: teammates[0]!.name });
  await expect(sheet.getByTestId('agent-local-time')).toContainText('20:00');
  await expectNoAxeViolations(page, 'scheduling sheet');
  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `docs/screenshots/scheduling-sheet-${size.width}.png` });
  }
  await page.setViewportSize(sizes[0]);
  await sheet.getByRole('button', { name: 'Plan call' }).click();
  await expect(sheet).toBeHidden();

  // Stored Planned with the date, zone and reminder; one reminder row per recipient.
  const { items } = await host.invoke('calls.list', { search: 'Renewal terms with the buyer' });
  const call = items[0]!;
  expect(call.status).toBe('Planned');
  expect(call.plannedStart).toMatchObject({ local: `${tomorrow}T14:00`, zone: 'America/New_York' });
  expect(call.participants.map((p) => p.kind).sort()).toEqual(['contact', 'user']);
  const utc = Date.parse(call.plannedStart!.utc);
  const mine = await host.invoke('reminders.ofCall', { callId: call.id });
  expect(mine.items.map((r) => [r.offsetMinutes, r.remindAt])).toEqual([
    [30, new Date(utc - 30 * 60_000).toISOString()],
  ]);

  // Read back after a reload, on the call's detail.
  await page.goto(`${host.url}/#/calls/${call.id}`);
  await page.reload();
  await expect(page.getByTestId('detail-reminders')).toContainText('30 minutes before');

  // The clock reaches the reminder: the banner rings with Call now, Snooze and Dismiss.
  const { now } = await host.invoke('dev.clock.advance', { ms: 0 });
  await host.invoke('dev.clock.advance', { ms: utc - 30 * 60_000 - Date.parse(now) });
  // The demo's own planned calls may ring on the way too: this call's reminder is the one looked at.
  const banner = page.getByRole('region', { name: 'Reminders' }).locator('.reminder', {
    hasText: 'Renewal terms with the buyer',
  });
  await expect(banner).toBeVisible();
  await expect(banner.getByRole('button', { name: 'Call now' })).toBeVisible();
  await expectNoAxeViolations(page, 'reminder banner');
  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `docs/screenshots/reminder-banner-${size.width}.png` });
  }
  await banner.getByRole('button', { name: 'Snooze 5 min' }).click();
  await expect(banner).toBeHidden();
  await host.invoke('dev.clock.advance', { ms: 5 * 60_000 });
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: 'Dismiss' }).click();
  await expect(banner).toBeHidden();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Renewal terms with the buyer' })).toBeVisible();
  await expect(banner).toHaveCount(0);

  // Rescheduled from the Schedule view: the reminder is due again from the new time.
  await page.getByRole('button', { name: 'Schedule' }).click();
  await page.getByRole('button', { name: 'Reschedule Renewal terms with the buyer' }).click();
  const move = page.getByRole('dialog', { name: 'Reschedule: Renewal terms with the buyer' });
  await move.getByLabel('New time').fill(`${tomorrow}T16:30`);
  await expectNoAxeViolations(page, 'reschedule sheet');
  await move.getByRole('button', { name: 'Reschedule' }).click();
  await expect(move).toBeHidden();
  // The Schedule pages by the week: the next week does not list it, this week does again.
  const row = page.getByRole('button', { name: 'Reschedule Renewal terms with the buyer' });
  await expect(row).toBeVisible();
  await expect(page.getByTestId('schedule-week')).toContainText('planned');
  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `docs/screenshots/schedule-week-${size.width}.png` });
  }
  await page.getByRole('button', { name: 'Next week' }).click();
  await expect(row).toBeHidden();
  await page.getByRole('button', { name: 'This week' }).click();
  await expect(row).toBeVisible();
  const moved = await host.invoke('calls.get', { id: call.id });
  expect(moved.plannedStart).toMatchObject({ local: `${tomorrow}T16:30`, zone: 'America/New_York' });
  const again = await host.invoke('reminders.ofCall', { callId: call.id });
  expect(again.items).toMatchObject([
    {
      remindAt: new Date(Date.parse(moved.plannedStart!.utc) - 30 * 60_000).toISOString(),
      firedAt: null,
      dismissedAt: null,
    },
  ]);
});

test('follow-ups: from a call’s detail and from the Tasks view, with presets, an SLA countdown, and the overdue count in the top bar', async ({
  page,
  host,
}) => {
  await host.invoke('settings.update', { timeZone: 'UTC' });
  const { now } = await host.invoke('dev.clock.advance', { ms: 0 });
  const call = await host.invoke('calls.create', {
    direction: 'Inbound',
    subject: 'Router keeps rebooting',
    status: 'Held',
    actualStart: new Date(Date.parse(now) - 20 * 60_000).toISOString(),
    actualEnd: new Date(Date.parse(now) - 5 * 60_000).toISOString(),
    outcome: { dispositionCode: 'callback_requested', text: 'Call back after the firmware update' },
  });
  await page.goto(`${host.url}/#/calls/${call.id}`);
  await page.reload();
  await page.getByRole('button', { name: 'Add follow-up' }).click();
  const sheet = page.getByRole('dialog', { name: 'New follow-up' });
  await sheet.getByRole('textbox', { name: 'Task' }).fill('Check the firmware update worked');
  await sheet.getByRole('button', { name: 'In 30 minutes' }).click();
  await expectNoAxeViolations(page, 'follow-up sheet');
  await sheet.getByRole('button', { name: 'Create follow-up' }).click();
  await expect(sheet).toBeHidden();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Tasks' }).click();
  await page.getByRole('button', { name: 'New follow-up' }).click();
  await sheet.getByRole('textbox', { name: 'Task' }).fill('Send the loan router');
  await sheet.getByRole('button', { name: 'Tomorrow 9:00' }).click();
  await sheet.getByRole('button', { name: 'Create follow-up' }).click();
  await expect(sheet).toBeHidden();

  // Read back after a reload: both listed, the call's with its SLA state and countdown.
  await page.reload();
  const open = page.getByRole('list', { name: 'Open tasks' });
  const fromCall = open.getByRole('listitem').filter({ hasText: 'Check the firmware update worked' });
  await expect(fromCall.getByTestId('sla')).toContainText(/On track · \d+ min left · SLA 120 min/);
  await expect(open.getByRole('listitem').filter({ hasText: 'Send the loan router' })).toBeVisible();
  await expectNoAxeViolations(page, 'tasks with SLA');
  await page.screenshot({ path: 'docs/screenshots/tasks-sla-1366.png' });
  const { items } = await host.invoke('followUps.list', {});
  const linked = items.find((i) => i.task.subject === 'Check the firmware update worked')!;
  expect(linked).toMatchObject({ slaRule: 'callback_requested', task: { callId: call.id } });

  // Three hours later (the core's clock), the follow-up is overdue and counted in the top bar.
  const before = (await host.invoke('followUps.list', {})).overdue;
  await host.invoke('dev.clock.advance', { ms: 3 * 3_600_000 });
  await page.reload();
  const after = (await host.invoke('followUps.list', {})).overdue;
  expect(after).toBeGreaterThan(before);
  await expect(page.getByTestId('overdue-count')).toHaveText(`${after} overdue follow-up${after === 1 ? '' : 's'}`);
  await fromCall.getByRole('button', { name: 'Check the firmware update worked' }).click();
  await expect(page.getByRole('heading', { name: 'Router keeps rebooting' })).toBeVisible();
});

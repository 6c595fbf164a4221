import { dock, numberWhereItIs } from './console';
import { expect, test } from './fixtures';

test('Held with a start in the future is refused with a plain sentence', async ({ page, host }) => {
  await host.invoke('settings.update', { timeZone: 'UTC' });
  const planned = await host.invoke('calls.create', { direction: 'Outbound', subject: 'Future held e2e' });
  await page.goto(`${host.url}/#/calls/${planned.id}`);
  await page.getByRole('button', { name: 'Mark Held' }).click();
  const held = page.getByRole('dialog', { name: 'Mark Held' });
  const nextYear = new Date().getUTCFullYear() + 1;
  await held.getByLabel(/Actual start/).fill(`${nextYear}-03-02T09:00`);
  await held.getByLabel(/Actual end/).fill(`${nextYear}-03-02T09:20`);
  await held.getByRole('button', { name: 'Save' }).click();
  await expect(held.getByRole('alert')).toHaveText(
    'A held call has already taken place, so its start cannot be in the future. Check the date and time.',
  );
  expect((await host.invoke('calls.get', { id: planned.id })).status).toBe('Planned');
});

test('the New call form says what a DST gap, a typo year and an unknown zone mean, in plain words', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'New call' }).click();
  const sheet = page.getByRole('dialog', { name: 'New call' });
  await sheet.getByLabel('Subject').fill('DST gap e2e');
  await sheet.getByLabel('Time zone').fill('America/New_York');
  await sheet.getByLabel('Planned for').fill('2027-03-14T02:30');
  await expect(sheet.getByRole('status').filter({ hasText: 'does not exist' })).toHaveText(
    '02:30 does not exist that day; the call is planned for 03:30.',
  );

  await sheet.getByLabel('Planned for').fill('1999-03-14T09:30');
  await expect(sheet.getByText(/between the years 2000 and \d{4}; 1999 is outside that/)).toBeVisible();
  await sheet.getByRole('button', { name: 'Plan call' }).click();
  await expect(sheet.getByRole('alert')).toContainText('1999 is outside that');

  await sheet.getByLabel('Planned for').fill('2027-03-15T09:30');
  await sheet.getByLabel('Time zone').fill('Mars/Olympus_Mons');
  await sheet.getByRole('button', { name: 'Plan call' }).click();
  await expect(sheet.getByRole('alert')).toHaveText(
    '“Mars/Olympus_Mons” is not a time zone Switchboard knows. Pick one from the list, such as America/New_York or Europe/Berlin.',
  );
  await expect(sheet).not.toContainText('plannedStart.zone');

  // Back in the gap: the call saves, planned for 03:30 New York time as the form said.
  await sheet.getByLabel('Time zone').fill('America/New_York');
  await sheet.getByLabel('Planned for').fill('2027-03-14T02:30');
  await sheet.getByRole('button', { name: 'Plan call' }).click();
  await expect(sheet).toBeHidden();
  const { items } = await host.invoke('calls.list', { search: 'DST gap e2e' });
  expect(items[0]!.plannedStart).toEqual({
    local: '2027-03-14T02:30',
    zone: 'America/New_York',
    utc: '2027-03-14T07:30:00.000Z',
  });
});

test('click-to-dial warns before calling a customer at night their time, and not by day', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(dock(page).getByText('Ready for calls.')).toBeVisible();
  const night = numberWhereItIs('night');
  await host.invoke('links.open', { uri: `tel:${night.e164}` });
  const sheet = page.getByRole('dialog', { name: 'Place call' });
  await expect(sheet.getByRole('alert')).toContainText(/^It is \d\d:\d\d .* for them, outside usual calling hours/);
  await sheet.getByRole('button', { name: 'Cancel' }).click();

  const day = numberWhereItIs('day');
  await host.invoke('links.open', { uri: `tel:${day.e164}` });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByText('outside usual calling hours')).toHaveCount(0);
});

test('with auto-dial on, a customer at night still gets the confirm sheet first', async ({ page, host }) => {
  await host.invoke('settings.update', { autoDial: true });
  await page.goto(host.url);
  await expect(dock(page).getByText('Ready for calls.')).toBeVisible();
  await host.invoke('links.open', { uri: `tel:${numberWhereItIs('night').e164}` });
  const sheet = page.getByRole('dialog', { name: 'Place call' });
  await expect(sheet.getByRole('alert')).toContainText('outside usual calling hours');
  expect((await host.invoke('line.state', {})).phase).toBe('idle');
});

import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { expect, test, type ConsoleHost } from './fixtures';

test.describe.configure({ timeout: 180_000 });

const sizes = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
] as const;

const dock = (page: Page) => page.getByRole('complementary', { name: 'Phone' });

/** The calendar date `days` from now on a Chicago clock (the customer's), as a date input takes it. */
function chicagoDate(days: number): string {
  const at = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago' }).format(at);
}

async function newCustomer(host: ConsoleHost, phone: string) {
  return host.invoke('contacts.create', {
    firstName: 'Rosa',
    lastName: 'Diaz',
    phones: [{ kind: 'mobile', number: phone }],
    timeZone: 'America/Chicago',
  });
}

/** Rings from `from`, answers, hangs up: the wrap-up form is then on screen. */
async function answerAndHangUp(page: Page, host: ConsoleHost, from: string) {
  await host.invoke('dev.injectInbound', { from });
  const ringing = dock(page).getByRole('region', { name: 'Incoming call' });
  await ringing.getByRole('button', { name: /^Answer/ }).click();
  const panel = dock(page).getByRole('region', { name: 'Call in progress' });
  await expect(panel.getByText('Connected')).toBeVisible();
  await panel.getByRole('button', { name: /^Hang up/ }).click();
  const form = dock(page).getByRole('form', { name: 'Wrap-up' });
  await expect(form).toBeVisible();
  return form;
}

test('the customer profile is edited sheet by sheet, reads back after a reload, and shows in the pop of the next call', async ({
  page,
  host,
}) => {
  const phone = '+13125550147';
  const contact = await newCustomer(host, phone);
  await page.setViewportSize(sizes[0]);
  await page.goto(`${host.url}/#/contacts/contact/${contact.id}`);
  await page.reload();
  const profile = page.getByRole('region', { name: 'Customer profile' });
  await profile.getByRole('button', { name: 'Make a customer' }).click();

  let sheet = page.getByRole('dialog', { name: 'Make a customer' });
  await sheet.getByLabel('Type').selectOption('commercial');
  await sheet.getByLabel('Status').selectOption('active');
  await sheet.getByLabel('Source').selectOption('referral');
  await sheet.getByLabel('Customer since').fill('2024-05-01');
  await sheet.getByRole('button', { name: 'Save profile' }).click();
  await expect(sheet).toBeHidden();

  await profile.getByRole('button', { name: 'Edit addresses' }).click();
  sheet = page.getByRole('dialog', { name: 'Addresses' });
  await sheet.getByLabel('Label (home, office…)').fill('Shop');
  await sheet.getByLabel('Street').fill('12 Elm St');
  await sheet.getByLabel('City').fill('Springfield');
  await sheet.getByLabel('Access notes (gate code, pets, parking)').fill('Gate code 4412, dog in the yard');
  await expectNoAxeViolations(page, 'addresses sheet');
  await sheet.getByRole('button', { name: 'Save addresses' }).click();
  await expect(sheet).toBeHidden();

  await profile.getByRole('button', { name: 'Edit equipment' }).click();
  sheet = page.getByRole('dialog', { name: 'Equipment' });
  await sheet.getByLabel('Kind (furnace, heat pump…)').fill('Furnace');
  await sheet.getByLabel('Brand').fill('Carrier');
  await sheet.getByLabel('Model').fill('59TP6');
  await sheet.getByLabel('Installed on').fill('2019-10-02');
  await sheet.getByLabel('Last serviced on').fill('2025-11-15');
  await sheet.getByRole('button', { name: 'Save equipment' }).click();
  await expect(sheet).toBeHidden();

  await profile.getByRole('button', { name: 'Edit preferences' }).click();
  sheet = page.getByRole('dialog', { name: 'Contact preferences' });
  await sheet.getByLabel('Preferred channel').selectOption('sms');
  await sheet.getByLabel('Language').fill('Spanish');
  await sheet.getByRole('button', { name: 'Add a call window' }).click();
  await sheet.getByLabel('From').fill('09:00');
  await sheet.getByLabel('Until').fill('17:00');
  await sheet.getByLabel('Agreed to calls').check();
  await sheet.getByLabel('Agreed to text messages').check();
  await sheet.getByLabel('Consent recorded on').fill('2026-03-01');
  await expectNoAxeViolations(page, 'preferences sheet');
  await sheet.getByRole('button', { name: 'Save preferences' }).click();
  await expect(sheet).toBeHidden();

  await profile.getByLabel('Category').selectOption('access');
  await profile.getByLabel('Note about the customer').fill('Ring the side door bell');
  await profile.getByRole('button', { name: 'Add note' }).click();
  await expect(profile.getByRole('list', { name: 'Customer notes' })).toContainText('Ring the side door bell');

  // Every form read back after a reload.
  await page.reload();
  const customer = page.getByRole('definition').filter({ hasText: 'Commercial' });
  await expect(customer).toBeVisible();
  const reloaded = page.getByRole('region', { name: 'Customer profile' });
  await expect(reloaded).toContainText('Referral');
  await expect(reloaded).toContainText('2024-05-01');
  await expect(reloaded.getByRole('list', { name: 'Addresses' })).toContainText('12 Elm St, Springfield');
  await expect(reloaded.getByRole('list', { name: 'Addresses' })).toContainText('Gate code 4412, dog in the yard');
  await expect(reloaded.getByRole('table', { name: 'Equipment' })).toContainText('Carrier');
  await expect(reloaded.getByRole('table', { name: 'Equipment' })).toContainText('2025-11-15');
  await expect(reloaded).toContainText('Text message');
  await expect(reloaded).toContainText('Mon–Fri 09:00–17:00');
  await expect(reloaded).toContainText('Spanish');
  await expect(reloaded).toContainText('calls, text messages (recorded 2026-03-01)');
  await expect(reloaded.getByRole('list', { name: 'Customer notes' })).toContainText('Access');
  await expectNoAxeViolations(page, 'customer profile');
  for (const size of sizes) {
    await page.setViewportSize(size);
    // The profile's heading at the top of the detail pane, a little below its edge.
    await reloaded.getByRole('heading', { name: 'Customer profile' }).evaluate((heading) => {
      heading.scrollIntoView({ block: 'start' });
      let pane = heading.parentElement;
      while (pane && pane.scrollHeight <= pane.clientHeight) pane = pane.parentElement;
      pane?.scrollBy(0, -16);
    });
    await page.screenshot({ path: `docs/screenshots/customer-profile-${size.width}.png` });
  }

  // The next call from the customer pops the profile.
  await host.invoke('dev.injectInbound', { from: phone });
  const pop = dock(page)
    .getByRole('region', { name: 'Incoming call' })
    .getByRole('group', { name: 'Customer profile' });
  await expect(pop.getByTestId('pop-address')).toContainText('12 Elm St, Springfield');
  await expect(pop.getByTestId('pop-address')).toContainText('Access: Gate code 4412, dog in the yard');
  await expect(pop.getByTestId('pop-equipment')).toHaveText('Equipment: Furnace (Carrier 59TP6)');
  await expect(pop.getByTestId('pop-preferences')).toContainText('Prefers Text message · Mon–Fri 09:00–17:00');
  await expect(pop.getByTestId('pop-preferences')).toContainText('Consent: calls, text messages');
});

test('a visit booked from the wrap-up shows in the pop of the next call, with the returning-customer badge', async ({
  page,
  host,
}) => {
  const phone = '+13125550148';
  const contact = await newCustomer(host, phone);
  await host.invoke('customers.update', {
    contactId: contact.id,
    customer: { type: 'residential', status: 'active', source: 'phone', customerSince: null, inactiveSince: null },
    addresses: [
      {
        id: 'home',
        label: 'Home',
        line1: '40 Oak Ave',
        line2: '',
        city: 'Springfield',
        region: 'IL',
        postalCode: '',
        accessNotes: 'Key under the mat',
        primary: true,
      },
    ],
  });
  await page.setViewportSize(sizes[0]);
  await page.goto(host.url);
  const form = await answerAndHangUp(page, host, phone);
  await form.getByRole('button', { name: 'Book a visit' }).click();
  const sheet = page.getByRole('dialog', { name: 'Book a visit' });
  await expect(sheet).toContainText('Times are the customer’s (America/Chicago).');
  const date = chicagoDate(2);
  await sheet.getByLabel('Date').fill(date);
  await sheet.getByLabel('Arrival from').fill('08:00');
  await sheet.getByLabel('Arrival until').fill('12:00');
  await sheet.getByLabel('Service type').selectOption('maintenance');
  await sheet.getByLabel('Notes for the technician').fill('Bring a 16x25 filter');
  await expect(sheet.getByLabel('Address')).toHaveValue('home');
  await expectNoAxeViolations(page, 'book a visit sheet');
  await sheet.getByRole('button', { name: 'Book visit' }).click();
  await expect(sheet).toBeHidden();
  await form.getByLabel('Disposition').selectOption({ index: 1 });
  await form.getByRole('button', { name: 'Save and finish' }).click();
  await expect(form).toBeHidden();

  const weekday = new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );
  // Rings for 10 min: a scan on a loaded machine outlasts the default 30 s ring, and the
  // pictures after it then showed the missed-call toast instead of the pop.
  await host.invoke('dev.injectInbound', { from: phone, ringMs: 600_000 });
  const ringing = dock(page).getByRole('region', { name: 'Incoming call' });
  const pop = ringing.getByRole('group', { name: 'Customer profile' });
  await expect(pop.getByText('Returning customer')).toBeVisible();
  // No title or company to show under the name: what the record is, in words.
  await expect(ringing.getByRole('group', { name: 'Caller' }).getByText('Contact', { exact: true })).toBeVisible();
  await expect(pop.getByTestId('pop-next-visit')).toHaveText(`Next visit ${weekday} 8–12 · Maintenance`);
  await expect(pop.getByTestId('pop-address')).toContainText('Access: Key under the mat');
  await expectNoAxeViolations(page, 'screen pop with the customer profile');
  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `docs/screenshots/customer-pop-${size.width}.png` });
  }

  // The visit is in the profile (and its status can change there) after a reload.
  await page.goto(`${host.url}/#/contacts/contact/${contact.id}`);
  await page.reload();
  const visits = page.getByRole('list', { name: 'Visits' });
  await expect(visits).toContainText(`${weekday} ${date} 8–12`);
  await expect(visits).toContainText('Bring a 16x25 filter');
  // And in the timeline, under the call it was booked on.
  await expect(page.getByRole('list', { name: 'Call history' })).toContainText(`Visit booked: ${weekday} ${date} 8–12`);
});

test('an unknown caller named in the wrap-up becomes a customer profile, recognised on the next call', async ({
  page,
  host,
}) => {
  const phone = '+14155550199';
  await page.goto(host.url);
  const form = await answerAndHangUp(page, host, phone);
  const name = form.getByRole('group', { name: 'New caller' });
  await expect(name).toHaveAccessibleDescription('Their name makes them a customer.');
  await name.getByLabel('First name').fill('Sam');
  await name.getByLabel('Last name').fill('Quillfeather');
  await form.getByLabel('Disposition').selectOption({ index: 1 });
  await expectNoAxeViolations(page, 'wrap-up asking a new caller’s name');
  await form.getByRole('button', { name: 'Save and finish' }).click();
  await expect(form).toBeHidden();
  await page.reload();

  await host.invoke('dev.injectInbound', { from: phone });
  const ringing = dock(page).getByRole('region', { name: 'Incoming call' });
  await expect(ringing.getByRole('button', { name: 'Sam Quillfeather' })).toBeVisible();
  await expect(ringing.getByRole('group', { name: 'Customer profile' })).toContainText('Returning customer');
  await expect(ringing.getByRole('group', { name: 'Customer profile' })).toContainText('Prospect');
  const { items } = await host.invoke('contacts.list', { search: 'Quillfeather' });
  expect(items.map((c) => [c.customer?.source, c.phones[0]?.e164])).toEqual([['phone', phone]]);
});

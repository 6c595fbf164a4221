import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';

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

const weekdayOf = (date: string) =>
  new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));

test('a visit is rescheduled from the profile, reads back after a reload, and the next call pops the new slot', async ({
  page,
  host,
}) => {
  const phone = '+13125550160';
  const contact = await host.invoke('contacts.create', {
    firstName: 'Rosa',
    lastName: 'Diaz',
    phones: [{ kind: 'mobile', number: phone }],
    timeZone: 'America/Chicago',
  });
  await host.invoke('customers.update', {
    contactId: contact.id,
    customer: { type: 'residential', status: 'active', source: 'phone', customerSince: null, inactiveSince: null },
  });
  const booked = chicagoDate(2);
  await host.invoke('appointments.book', {
    contactId: contact.id,
    date: booked,
    windowFrom: '08:00',
    windowUntil: '12:00',
    serviceType: 'maintenance',
  });

  await page.setViewportSize(sizes[0]);
  await page.goto(`${host.url}/#/contacts/contact/${contact.id}`);
  await page.reload();
  const visits = page.getByRole('list', { name: 'Visits' });
  await visits.getByRole('button', { name: `Reschedule the visit on ${booked}` }).click();
  const sheet = page.getByRole('dialog', { name: 'Reschedule the visit' });
  await expect(sheet).toContainText(`Now ${weekdayOf(booked)} ${booked} 8–12.`);
  await expect(sheet).toContainText('Times are the customer’s (America/Chicago).');
  const moved = chicagoDate(10);
  await sheet.getByLabel('New date').fill(moved);
  await sheet.getByLabel('Arrival from').fill('13:00');
  await sheet.getByLabel('Arrival until').fill('17:00');
  await sheet.getByLabel('Reason (optional)').fill('Customer away that week');
  await expectNoAxeViolations(page, 'reschedule sheet');
  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `docs/screenshots/visit-reschedule-sheet-${size.width}.png` });
  }
  // A window that ends before it starts is refused in words, nothing saved.
  await sheet.getByLabel('Arrival until').fill('12:00');
  await sheet.getByRole('button', { name: 'Move visit' }).click();
  await expect(sheet).toContainText('The arrival window ends after it starts.');
  await sheet.getByLabel('Arrival until').fill('17:00');
  await sheet.getByRole('button', { name: 'Move visit' }).click();
  await expect(sheet).toBeHidden();

  // Read back after a reload: the new slot, and the one it left with the reason.
  await page.reload();
  const reloaded = page.getByRole('list', { name: 'Visits' });
  await expect(reloaded).toContainText(`${weekdayOf(moved)} ${moved} 13–17`);
  await expect(reloaded).toContainText(`Moved from ${weekdayOf(booked)} ${booked} 8–12: Customer away that week`);
  await expectNoAxeViolations(page, 'customer profile with a moved visit');
  for (const size of sizes) {
    await page.setViewportSize(size);
    // The visits in the middle of the detail pane (scrolled inside the pane, not the window).
    await reloaded.evaluate((list) => {
      let pane = list.parentElement;
      while (pane && pane.scrollHeight <= pane.clientHeight) pane = pane.parentElement;
      if (pane) pane.scrollTop += list.getBoundingClientRect().top - pane.getBoundingClientRect().top - 200;
    });
    await page.screenshot({ path: `docs/screenshots/visit-rescheduled-${size.width}.png` });
  }

  // The next call from the customer pops the new slot.
  await host.invoke('dev.injectInbound', { from: phone });
  const pop = dock(page)
    .getByRole('region', { name: 'Incoming call' })
    .getByRole('group', { name: 'Customer profile' });
  await expect(pop.getByTestId('pop-next-visit')).toHaveText(
    `Next visit ${weekdayOf(moved)} ${moved} 13–17 · Maintenance`,
  );
});

import type { Locator, Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { expect, test, type ConsoleHost } from './fixtures';

// Three axe runs and four screenshots: generous on a loaded machine.
test.describe.configure({ timeout: 300_000 });

const sizes = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
] as const;

const dock = (page: Page) => page.getByRole('complementary', { name: 'Phone' });

/** A demo account and a new contact of it, with a number and no profile of their own. */
async function accountAndContact(host: ConsoleHost, phone: string) {
  const { items } = await host.invoke('accounts.list', { limit: 1 });
  const account = items[0]!;
  const contact = await host.invoke('contacts.create', {
    firstName: 'Lou',
    lastName: 'Park',
    accountId: account.id,
    phones: [{ kind: 'mobile', number: phone }],
  });
  return { account, contact };
}

/** The element at the top of the detail pane, a little below its edge. */
async function scrollToTop(element: Locator) {
  await element.evaluate((top) => {
    top.scrollIntoView({ block: 'start' });
    let pane = top.parentElement;
    while (pane && pane.scrollHeight <= pane.clientHeight) pane = pane.parentElement;
    pane?.scrollBy(0, -16);
  });
}

/** The top of the profile at the top of the detail pane. */
async function scrollToProfile(page: Page) {
  await scrollToTop(page.getByRole('heading', { name: 'Customer profile' }));
}

/** The table's right edge, its scroll region's, and how far the region scrolls sideways. */
function edges(table: Locator) {
  return table.evaluate((t) => {
    const region = t.parentElement!;
    return {
      table: t.getBoundingClientRect().right,
      region: region.getBoundingClientRect().right,
      sideways: region.scrollWidth - region.clientWidth,
    };
  });
}

test('an account’s profile is edited from its page, reads back after a reload, and pops for a call from its contact', async ({
  page,
  host,
}) => {
  const phone = '+13125550171';
  const { account, contact } = await accountAndContact(host, phone);
  await page.setViewportSize(sizes[0]);
  // Reached from the contact's account link.
  await page.goto(`${host.url}/#/contacts/contact/${contact.id}`);
  await page.reload();
  await page
    .getByRole('article', { name: /^Contact: / })
    .getByRole('button', { name: account.name, exact: true })
    .click();
  const accountPage = page.getByRole('article', { name: `Account: ${account.name}` });
  const profile = accountPage.getByRole('region', { name: 'Customer profile' });
  await profile.getByRole('button', { name: 'Make a customer' }).click();

  let sheet = page.getByRole('dialog', { name: 'Make a customer' });
  await sheet.getByLabel('Type').selectOption('commercial');
  await sheet.getByLabel('Status').selectOption('active');
  await sheet.getByLabel('Source').selectOption('referral');
  await sheet.getByLabel('Customer since').fill('2023-01-15');
  await sheet.getByRole('button', { name: 'Save profile' }).click();
  await expect(sheet).toBeHidden();

  await profile.getByRole('button', { name: 'Edit sites' }).click();
  sheet = page.getByRole('dialog', { name: 'Sites' });
  await sheet.getByLabel('Label (home, office…)').fill('Warehouse');
  await sheet.getByLabel('Street').fill('400 Dock Rd');
  await sheet.getByLabel('City').fill('Springfield');
  await sheet.getByLabel('Access notes (gate code, pets, parking)').fill('Badge in at gate 3, ask for Lou');
  await sheet.getByRole('button', { name: 'Add an address' }).click();
  const second = sheet.getByRole('group', { name: 'Address 2' });
  await second.getByLabel('Label (home, office…)').fill('Office');
  await second.getByLabel('Street').fill('12 Main St');
  await expectNoAxeViolations(page, 'sites sheet');
  await sheet.getByRole('button', { name: 'Save addresses' }).click();
  await expect(sheet).toBeHidden();

  await profile.getByRole('button', { name: 'Edit equipment' }).click();
  sheet = page.getByRole('dialog', { name: 'Equipment' });
  await sheet.getByLabel('Kind (furnace, heat pump…)').fill('Rooftop unit');
  await sheet.getByLabel('Brand').fill('Trane');
  await sheet.getByLabel('Site').selectOption({ label: 'Warehouse' });
  await expectNoAxeViolations(page, 'equipment sheet with sites');
  await sheet.getByRole('button', { name: 'Save equipment' }).click();
  await expect(sheet).toBeHidden();

  // Read back after a reload.
  await page.reload();
  const reloaded = page
    .getByRole('article', { name: `Account: ${account.name}` })
    .getByRole('region', { name: 'Customer profile' });
  await expect(reloaded.getByRole('definition').filter({ hasText: 'Commercial' })).toBeVisible();
  await expect(reloaded).toContainText('Referral');
  await expect(reloaded).toContainText('2023-01-15');
  const listed = reloaded.getByRole('list', { name: 'Addresses' });
  await expect(listed).toContainText('400 Dock Rd, Springfield');
  await expect(listed).toContainText('Access: Badge in at gate 3, ask for Lou');
  await expect(listed).toContainText('12 Main St');
  await expect(reloaded.getByRole('table', { name: 'Equipment' })).toContainText('Warehouse');
  await expectNoAxeViolations(page, 'account with its customer profile');
  const equipment = reloaded.getByRole('table', { name: 'Equipment' });
  for (const size of sizes) {
    await page.setViewportSize(size);
    await scrollToProfile(page);
    // The whole table shows: nothing of it past its own scroll region or the window.
    await expect(async () => {
      const right = await edges(equipment);
      expect(right.sideways).toBe(0);
      expect(right.table).toBeLessThanOrEqual(right.region + 0.5);
      expect(right.region).toBeLessThanOrEqual(size.width);
    }).toPass();
    if (size.width === 1366) {
      await expect(equipment.getByRole('columnheader')).toHaveText(
        ['Kind', 'Brand', 'Model', 'Site', 'Installed', 'Last serviced'],
        { useInnerText: true },
      );
    }
    // Nothing in the top bar wraps, and a contact's Do not contact badge is not cut off with the name.
    for (const pill of await page.locator('.top-bar .pill:visible').all()) {
      expect((await pill.boundingBox())!.height).toBeLessThan(30);
    }
    const dnc = page
      .locator('.contact-row')
      .filter({ has: page.locator('.badge.dnc') })
      .first();
    await expect(async () => {
      const row = (await dnc.boundingBox())!;
      const badge = (await dnc.locator('.badge.dnc').boundingBox())!;
      expect(badge.x + badge.width).toBeLessThanOrEqual(row.x + row.width);
      expect(await dnc.locator('.contact-row-title').evaluate((t) => t.scrollWidth <= t.clientWidth)).toBe(true);
    }).toPass();
    // On the laptop screen the labels stack over their values: the picture starts at them
    // (below the buttons) so that it reaches the equipment.
    if (size.width === 1024) await scrollToTop(reloaded.locator('dl[aria-label="Customer"]'));
    await page.screenshot({ path: `docs/screenshots/account-profile-${size.width}.png` });
  }
  // At 1024 px brand and model fold under the kind, the last service under the installation.
  await expect(equipment.getByRole('columnheader')).toHaveText(['Equipment', 'Site', 'Dates'], { useInnerText: true });
  await expect(equipment.getByRole('cell').first()).toHaveText('Rooftop unit Trane · —', { useInnerText: true });

  // A call from the account's contact, who has no profile of their own, pops the account's site.
  await page.setViewportSize(sizes[0]);
  // Rings for 10 min: the pictures and the scan below can outlast the default 30 s ring.
  await host.invoke('dev.injectInbound', { from: phone, ringMs: 600_000 });
  const pop = dock(page)
    .getByRole('region', { name: 'Incoming call' })
    .getByRole('group', { name: 'Customer profile' });
  await expect(pop.getByTestId('pop-account-profile')).toHaveText(`Account profile: ${account.name}`);
  await expect(pop.getByTestId('pop-address')).toContainText('400 Dock Rd, Springfield');
  await expect(pop.getByTestId('pop-address')).toContainText('Access: Badge in at gate 3, ask for Lou');
  await expect(pop.getByTestId('pop-equipment')).toHaveText('Equipment: Rooftop unit (Trane)');
  for (const size of sizes) {
    await page.setViewportSize(size);
    await expect(pop).toBeVisible();
    await page.screenshot({ path: `docs/screenshots/account-pop-${size.width}.png` });
  }
  await expectNoAxeViolations(page, 'screen pop with the account’s profile');
});

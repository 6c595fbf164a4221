import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';

test.describe.configure({ timeout: 180_000 });

const sizes = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
] as const;

test('leads, opportunities and cases show their call history, like contacts and accounts', async ({ page, host }) => {
  const { items: accounts } = await host.invoke('accounts.list', { limit: 50 });
  let opportunity: { id: string; name: string } | undefined;
  let kase: { id: string; subject: string } | undefined;
  for (const account of accounts) {
    const detail = await host.invoke('accounts.get', { id: account.id });
    opportunity ??= detail.opportunities[0];
    kase ??= detail.cases[0];
  }
  if (!opportunity || !kase) throw new Error('the demo directory has no opportunity or no case');
  const found = { opportunity, kase };
  const [lead] = await host.invoke('directory.search', { query: 'Dana', types: ['lead'], limit: 1 });
  const records = [
    { type: 'opportunity' as const, id: found.opportunity.id, name: found.opportunity.name },
    { type: 'case' as const, id: found.kase.id, name: found.kase.subject },
    { type: 'lead' as const, id: lead!.id, name: lead!.name },
  ];
  for (const record of records) {
    await host.invoke('calls.create', {
      direction: 'Outbound',
      subject: `Timeline check: ${record.type}`,
      related: record,
    });
  }

  for (const record of records) {
    await page.goto(`${host.url}/#/contacts/${record.type}/${record.id}`);
    await page.reload();
    const history = page.getByRole('list', { name: 'Call history' });
    await expect(history).toContainText(`Timeline check: ${record.type}`);
    // Only this record's call, not the other two.
    await expect(history.getByText(/^Timeline check:/)).toHaveCount(1);
  }
  await expectNoAxeViolations(page, 'lead timeline');
  await page.goto(`${host.url}/#/contacts/opportunity/${found.opportunity.id}`);
  await page.reload();
  await expect(page.getByRole('heading', { name: found.opportunity.name, level: 1 })).toBeVisible();
  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `docs/screenshots/opportunity-timeline-${size.width}.png` });
  }
});

test('a contact is edited from its detail (name, phones, email, tags, do-not-contact with a reason) and reads back after a reload', async ({
  page,
  host,
}) => {
  const contact = await host.invoke('contacts.create', {
    firstName: 'Marta',
    lastName: 'Olsen',
    email: 'marta@example.com',
    phones: [{ kind: 'work', number: '+1 212 555 0142' }],
  });
  await page.setViewportSize(sizes[0]);
  await page.goto(`${host.url}/#/contacts/contact/${contact.id}`);
  await page.reload();
  await page.getByRole('button', { name: 'Edit contact' }).click();
  const sheet = page.getByRole('dialog', { name: 'Edit contact' });
  await sheet.getByLabel('First name').fill('Martha');
  await sheet.getByLabel('Email').fill('martha.olsen@example.com');
  await sheet.getByRole('button', { name: 'Add a phone' }).click();
  await sheet.getByLabel('Phone 2 kind').selectOption('mobile');
  await sheet.getByLabel('Phone 2 number').fill('+1 (646) 555-0177');
  await sheet.getByLabel('Tags (comma-separated)').fill('vip, renewal');
  await sheet.getByLabel('Do not contact').check();
  // Saved without a reason: refused in words, nothing stored.
  await sheet.getByLabel('Why not').fill(' ');
  await sheet.getByRole('button', { name: 'Save contact' }).click();
  await expect(sheet.getByRole('alert')).toContainText('Say why this contact must not be contacted.');
  await sheet.getByLabel('Why not').fill('Asked for email only');
  await expectNoAxeViolations(page, 'edit contact sheet');
  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `docs/screenshots/edit-contact-${size.width}.png` });
  }
  await sheet.getByRole('button', { name: 'Save contact' }).click();
  await expect(sheet).toBeHidden();

  await page.reload();
  const detail = page.getByRole('article', { name: 'Contact: Martha Olsen' });
  await expect(detail.getByRole('heading', { name: 'Martha Olsen', level: 1 })).toBeVisible();
  await expect(detail).toContainText('martha.olsen@example.com');
  await expect(detail).toContainText('vip');
  await expect(detail).toContainText('renewal');
  await expect(detail.getByRole('note')).toContainText('Asked for email only');
  const stored = await host.invoke('contacts.get', { id: contact.id });
  expect(stored.contact.phones.map((p) => [p.kind, p.e164])).toEqual([
    ['work', '+12125550142'],
    ['mobile', '+16465550177'],
  ]);
  await expectNoAxeViolations(page, 'contact detail after editing');
});

test('editing a contact: a refused phone’s error goes once the phone is fixed, while the browser flags a bad email', async ({
  page,
  host,
}) => {
  const contact = await host.invoke('contacts.create', {
    firstName: 'Ines',
    lastName: 'Moreau',
    phones: [{ kind: 'work', number: '+1 212 555 0143' }],
  });
  await page.setViewportSize(sizes[1]);
  await page.goto(`${host.url}/#/contacts/contact/${contact.id}`);
  await page.reload();
  await page.getByRole('button', { name: 'Edit contact' }).click();
  const sheet = page.getByRole('dialog', { name: 'Edit contact' });
  const phone = sheet.getByLabel('Phone 1 number');
  const email = sheet.getByLabel('Email');
  await phone.fill('12');
  await sheet.getByRole('button', { name: 'Save contact' }).click();
  await expect(sheet.getByRole('alert')).toContainText('"12" is not a phone number that can be dialed.');

  await phone.fill('+1 212 555 0144');
  await email.fill('ines at example');
  await sheet.getByRole('button', { name: 'Save contact' }).click();
  // The browser blocks the save on the email; the phone's refusal is no longer true, so it is gone.
  // The e2e sources have no DOM types: the field is read as what it is, an element with validity.
  expect(await email.evaluate((el) => (el as unknown as { validity: { valid: boolean } }).validity.valid)).toBe(false);
  await expect(sheet.getByRole('alert')).toHaveCount(0);
  await expect(sheet).toBeVisible();
  await expectNoAxeViolations(page, 'edit contact sheet, email flagged by the browser');

  await email.fill('ines@example.com');
  await sheet.getByRole('button', { name: 'Save contact' }).click();
  await expect(sheet).toBeHidden();
  await page.reload();
  const detail = page.getByRole('article', { name: 'Contact: Ines Moreau' });
  await expect(detail).toContainText('ines@example.com');
  const stored = await host.invoke('contacts.get', { id: contact.id });
  expect(stored.contact.phones.map((p) => p.e164)).toEqual(['+12125550144']);
});

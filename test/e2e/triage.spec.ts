import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';

/** Triage mode, by keyboard only: ten missed calls, a disposition required, call back, progress, summary. */

test.describe.configure({ timeout: 180_000 });

test('triage through ten missed calls by keyboard only', async ({ page, host }) => {
  await host.invoke('demo.remove', {});
  await host.invoke('contacts.create', {
    firstName: 'Rosa',
    lastName: 'Flood',
    phones: [{ kind: 'mobile', number: '+1 415 555 0109' }],
  });
  const ids: string[] = [];
  for (let i = 0; i < 10; i++) {
    const call = await host.invoke('calls.create', {
      direction: 'Inbound',
      subject: `Storm call ${i + 1}`,
      status: 'NotHeld',
      reason: 'Caller hung up',
      // Tuesday 1 December 2026, 15:00 UTC onwards, a minute apart.
      actualStart: new Date(Date.parse('2026-12-01T15:00:00.000Z') + i * 60_000).toISOString(),
      fromNumber: `+1415555010${i}`,
    });
    ids.push(call.id);
  }
  // The last one is an emergency: it comes first.
  await host.invoke('tags.add', { entity: 'calls', id: ids[9]!, tag: 'emergency' });

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${host.url}/#/triage`);
  await page.reload();
  const triage = page.getByRole('region', { name: 'Triage' });
  const card = triage.getByRole('article');
  await expect(triage).toContainText('1 of 10');
  await expect(card.getByRole('heading', { name: 'Storm call 10' })).toBeVisible();
  await expect(card).toContainText('Emergency');
  // Who it is: the caller card, as the phone shows it when it rings.
  await expect(card.getByRole('group', { name: 'Caller' })).toContainText('Rosa Flood');

  // Next without a disposition is refused in words.
  await page.keyboard.press('n');
  await expect(card.getByRole('alert')).toHaveText('Choose a disposition before Next (keys 1–9).');
  await expect(triage).toContainText('1 of 10');

  // Call back in one key: the confirm sheet opens on the caller's number; Escape closes it.
  await page.keyboard.press('c');
  const sheet = page.getByRole('dialog', { name: 'Place call' });
  await expect(sheet).toContainText('555 0109');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();

  await page.keyboard.press('1');
  await expect(card.getByRole('combobox', { name: 'Disposition' })).toHaveValue('missed');
  await expectNoAxeViolations(page, 'triage mode');
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1024, height: 768 },
  ]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `docs/screenshots/triage-${size.width}.png` });
  }
  await page.keyboard.press('n');
  await expect(triage).toContainText('2 of 10');
  await expect(card.getByRole('heading', { name: 'Storm call 1', exact: true })).toBeVisible();

  // Previous shows the decided call with its disposition; Next goes on without asking again.
  await page.keyboard.press('p');
  await expect(card.getByRole('heading', { name: 'Storm call 10' })).toBeVisible();
  await expect(card.getByRole('combobox', { name: 'Disposition' })).toHaveValue('missed');
  await page.keyboard.press('n');
  await expect(triage).toContainText('2 of 10');

  // Skip this one (Storm call 1), decide the rest.
  await page.keyboard.press('s');
  await expect(triage).toContainText('3 of 10');
  for (let n = 3; n <= 10; n++) {
    await expect(triage).toContainText(`${n} of 10`);
    await page.keyboard.press('1');
    await page.keyboard.press('n');
  }
  const summary = page.getByRole('region', { name: 'Triage summary' });
  await expect(summary).toContainText('9 calls with a disposition');
  await expect(summary).toContainText('1 skipped');
  await expect(summary).toContainText('1 called back');
  await expect(summary).toContainText('1 emergency');
  await expect(page.getByRole('progressbar', { name: 'Triage progress' })).toHaveAttribute('aria-valuenow', '10');

  // Saved for real: the skipped call still waits, the others have their disposition.
  const skipped = await host.invoke('calls.get', { id: ids[0]! });
  expect(skipped.outcome.dispositionCode).toBeNull();
  for (const id of ids.slice(1)) {
    expect((await host.invoke('calls.get', { id })).outcome.dispositionCode).toBe('missed');
  }
  // A new pass holds only the skipped call.
  await page.reload();
  await expect(triage).toContainText('1 of 1');
  await expect(card.getByRole('heading', { name: 'Storm call 1', exact: true })).toBeVisible();
});

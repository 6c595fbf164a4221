import { expect, type Page } from '@playwright/test';
import type { ConsoleHost } from './fixtures';

/** The phone dock on the right of the console. */
export function dock(page: Page) {
  return page.getByRole('complementary', { name: 'Phone' });
}

/**
 * A demo contact with a phone: not flagged do-not-contact unless asked, and with an
 * account when a test needs one (to search by company).
 */
export async function demoContact(host: ConsoleHost, want: { doNotContact?: boolean; withAccount?: boolean } = {}) {
  const { doNotContact = false, withAccount = false } = want;
  const { items } = await host.invoke('contacts.list', { limit: 500 });
  const contact = items.find(
    (c) => c.phones.length > 0 && c.doNotContact === doNotContact && (!withAccount || c.accountName),
  );
  if (!contact) throw new Error('the demo data has no such contact with a phone');
  return { ...contact, name: `${contact.firstName} ${contact.lastName}`.trim(), e164: contact.phones[0]!.e164 };
}

/** Screenshots of the page as it is at both laptop sizes: docs/screenshots/<name>-1366.png and -1024.png. */
export async function screenshotsAtLaptopSizes(page: Page, name: string) {
  for (const [width, height] of [
    [1366, 768],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width, height });
    // On a loaded machine the page can take longer than a moment to lay out at the new size.
    await page.waitForFunction(`window.innerWidth === ${width}`);
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    await page.waitForTimeout(150);
    await page.screenshot({ path: `docs/screenshots/${name}-${width}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Rings the console from `from`, answers, and waits for the call panel. */
export async function answerInbound(page: Page, host: ConsoleHost, from: string) {
  await host.invoke('dev.injectInbound', { from });
  await dock(page)
    .getByRole('button', { name: /^Answer/ })
    .click();
  const panel = dock(page).getByRole('region', { name: 'Call in progress' });
  await expect(panel.getByText('Connected')).toBeVisible();
  return panel;
}

/** Opens the console, rings it from a demo contact and answers: the caller and the call panel. */
export async function answerDemoCaller(page: Page, host: ConsoleHost, want?: Parameters<typeof demoContact>[1]) {
  const caller = await demoContact(host, want);
  await page.goto(host.url);
  const panel = await answerInbound(page, host, caller.e164);
  return { caller, panel };
}

/**
 * Numbers in countries with a single zone, west to east. Their local times cover the
 * globe closely enough that at any moment one of them is between 21:00 and 08:00, so a
 * test can call a customer "at night" without faking the core's clock.
 */
const numbersByZone: [string, string][] = [
  ['+573001234567', 'America/Bogota'],
  ['+442079460101', 'Europe/London'],
  ['+27211234567', 'Africa/Johannesburg'],
  ['+97143123456', 'Asia/Dubai'],
  ['+912223456789', 'Asia/Kolkata'],
  ['+6561234567', 'Asia/Singapore'],
  ['+81312345678', 'Asia/Tokyo'],
  ['+6493031234', 'Pacific/Auckland'],
];

function clockIn(zone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(at)
    .padStart(5, '0');
}

/**
 * A number whose customers' clock reads well inside the night now (22:00 to 06:59), or
 * well inside the day (10:00 to 18:59); a margin of an hour keeps the answer true for
 * the length of a test.
 */
export function numberWhereItIs(when: 'night' | 'day', at = new Date()): { e164: string; zone: string } {
  for (const [e164, zone] of numbersByZone) {
    const clock = clockIn(zone, at);
    const night = clock >= '22:00' || clock < '07:00';
    const day = clock >= '10:00' && clock < '19:00';
    if ((when === 'night' && night) || (when === 'day' && day)) return { e164, zone };
  }
  throw new Error(`no number in the list is in the ${when} now`);
}

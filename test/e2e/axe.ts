import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * An axe-core scan of the page in one axe.run. The console has no iframes, so the
 * default mode's per-frame runs buy nothing, while its finishing step opens a second page
 * and injects axe into it on every scan: measured on this machine it made a scan take
 * 23-31 s instead of 8-13 s (load 12-14) with the same passes, violations and incomplete
 * checks, over a suite that scans some 75 times.
 */
export function axeOn(page: Page): AxeBuilder {
  return new AxeBuilder({ page }).setLegacyMode(true);
}

/**
 * Runs axe-core on the page as it is now and fails on any violation, whatever its
 * impact. The failure lists each rule with the elements it found, so the message alone
 * says what to fix. Color contrast is checked too: the console has no decorative text.
 */
export async function expectNoAxeViolations(page: Page, screenName: string): Promise<void> {
  const { violations } = await axeOn(page).analyze();
  const found = violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ').trim()}`),
  }));
  expect(found, `axe-core violations on ${screenName}:\n${JSON.stringify(found, null, 2)}`).toEqual([]);
}

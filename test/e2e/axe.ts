import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * Runs axe-core on the page as it is now and fails on any violation, whatever its
 * impact. The failure lists each rule with the elements it found, so the message alone
 * says what to fix. Color contrast is checked too: the console has no decorative text.
 */
export async function expectNoAxeViolations(page: Page, screenName: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const found = violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ').trim()}`),
  }));
  expect(found, `axe-core violations on ${screenName}:\n${JSON.stringify(found, null, 2)}`).toEqual([]);
}

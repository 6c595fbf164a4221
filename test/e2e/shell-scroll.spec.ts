import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * The shell is the window: bringing the deepest content of a pane into view, by script
 * or by focus, scrolls that pane and never the document (which would push the top bar
 * out of sight and leave a blank band below).
 */

test.describe.configure({ timeout: 180_000 });

const views = ['Calls', 'Contacts', 'Schedule', 'Tasks', 'Settings', 'Dashboard'] as const;

async function go(page: Page, view: (typeof views)[number]) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: view }).click();
}

/** Scrolls the last element of the main area and of the phone into view, focuses the last control, then reads the document's scroll. */
async function reachTheFootOfEveryPane(page: Page) {
  // A string: this project's type-check has no DOM types; the page runs it as it is.
  return page.evaluate<{ scrollTop: number; overflow: number }>(`(() => {
    for (const root of [document.getElementById('main-content'), document.querySelector('.phone-dock')]) {
      const all = root ? root.querySelectorAll('*') : [];
      all[all.length - 1]?.scrollIntoView({ block: 'start' });
      const controls = root ? root.querySelectorAll('button, input, select, textarea, a[href]') : [];
      controls[controls.length - 1]?.focus();
    }
    const doc = document.scrollingElement;
    return { scrollTop: doc.scrollTop, overflow: doc.scrollHeight - doc.clientHeight };
  })()`);
}

// A laptop screen, and a short window where more of each pane is below its fold.
for (const size of [
  { width: 1366, height: 768 },
  { width: 1024, height: 520 },
]) {
  test(`at ${size.width}×${size.height} no screen scrolls the whole window, down to the foot of its panes`, async ({
    page,
    host,
  }) => {
    await page.setViewportSize(size);
    await page.goto(host.url);
    await expect(page.locator('[data-call-id]').first()).toBeVisible();
    for (const view of views) {
      await go(page, view);
      await expect(page.locator('#main-content h1').first()).toBeVisible();
      expect(await reachTheFootOfEveryPane(page), view).toEqual({ scrollTop: 0, overflow: 0 });
    }

    // The deepest panes: a call's drawer, a contact, and an account with its contacts and timeline.
    await go(page, 'Calls');
    await page.locator('[data-call-id]').first().click();
    await expect(page.locator('article.detail')).toBeVisible();
    expect(await reachTheFootOfEveryPane(page), 'call detail').toEqual({ scrollTop: 0, overflow: 0 });

    await go(page, 'Contacts');
    await page.locator('.contact-row').first().click();
    const contact = page.getByRole('article', { name: /^Contact: / });
    await expect(contact).toBeVisible();
    expect(await reachTheFootOfEveryPane(page), 'contact detail').toEqual({ scrollTop: 0, overflow: 0 });
    await contact.locator('.link-button').first().click();
    await expect(page.getByRole('article', { name: /^Account: / })).toBeVisible();
    expect(await reachTheFootOfEveryPane(page), 'account detail').toEqual({ scrollTop: 0, overflow: 0 });
    // The top bar is still in sight.
    await expect(page.locator('.top-bar')).toBeInViewport({ ratio: 1 });
  });
}

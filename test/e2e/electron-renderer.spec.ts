/**
 * The Electron renderer as electron-vite builds it (out/renderer), loaded in Chromium the
 * way the shell serves it: every page response comes from the shell's own app:// handler
 * (createAppFileHandler) with the exact CSP and security headers it sends, and
 * window.agent (the preload's bridge) is emulated over browser mode's WebSocket on the
 * same origin. The console must come up, a call ring and be answered, with no CSP
 * violation and no console error. What this cannot prove (the real preload, IPC, the
 * app:// scheme's privileges) is listed in the README.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createAppFileHandler } from '../../src/main/shell/app-protocol';
import { buildContentSecurityPolicy } from '../../src/main/shell/csp';
import config from '../../playwright.config';
import { dock } from './console';
import { expect, test } from './fixtures';

const root = path.resolve(import.meta.dirname, '../..');
const rendererDir = path.join(root, 'out', 'renderer');

// The pages come from route.fulfill, which Chromium counts as a public address: its local
// network checks would then refuse the emulated bridge's socket to 127.0.0.1. In Electron the
// bridge is IPC, not a socket, so the check has nothing to say about the product.
const baseLaunch = config.use?.launchOptions ?? {};
test.use({
  launchOptions: { ...baseLaunch, args: [...(baseLaunch.args ?? []), '--disable-features=LocalNetworkAccessChecks'] },
});

test.beforeAll(() => {
  // electron-vite builds main, preload and renderer: longer than one test on a busy machine.
  test.setTimeout(300_000);
  // `npm run build` (electron-vite) output; built here when a clean checkout has none.
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit', timeout: 300_000 });
  }
});

/** The preload's window.agent, over the browser-mode socket (the same messages IPC carries). */
const agentOverSocket = `(() => {
  const socket = new WebSocket(location.origin.replace(/^http/, 'ws') + '/agent');
  const open = new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }));
  const pending = new Map();
  const listeners = new Set();
  let next = 0;
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(event.data);
    if (message.type === 'reply') {
      pending.get(message.id)?.(message.reply);
      pending.delete(message.id);
    } else if (message.type === 'event') {
      for (const listener of [...listeners]) listener(message.name, message.payload);
    }
  });
  window.agent = Object.freeze({
    invoke: async (name, input) => {
      await open;
      const id = next++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ type: 'invoke', id, name, input }));
      });
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
})();`;

/** Every CSP violation the page sees, as a console error the test collects. */
const reportViolations = `document.addEventListener('securitypolicyviolation', (event) =>
  console.error('CSP violation: ' + event.violatedDirective + ' ' + event.blockedURI));`;

test('the built Electron renderer under the shell’s CSP: console up, a call rings and is answered, no CSP violation or error', async ({
  page,
  host,
}) => {
  // Two pages and a call on the real core: a little more than the default minute under load.
  test.setTimeout(120_000);
  const origin = new URL(host.url).origin;
  // The production policies the shell builds (start.ts): the console's, and the voice host page's.
  const csp = buildContentSecurityPolicy({});
  const voiceCsp = buildContentSecurityPolicy({ voiceHost: true });
  const handler = createAppFileHandler({
    rootDir: rendererDir,
    origin,
    csp: (url) => (new URL(url).pathname === '/voice-host.html' ? voiceCsp : csp),
  });
  await page.context().route(`${origin}/**`, async (route) => {
    const response = await handler(new Request(route.request().url(), { method: route.request().method() }));
    await route.fulfill({
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: Buffer.from(await response.arrayBuffer()),
    });
  });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
  await page.addInitScript(agentOverSocket);
  await page.addInitScript(reportViolations);

  const loaded = await page.goto(`${origin}/index.html`);
  expect(loaded?.headers()['content-security-policy']).toBe(csp);
  expect(loaded?.headers()['x-content-type-options']).toBe('nosniff');
  expect(await page.evaluate<boolean>('typeof window.agent.invoke === "function"')).toBe(true);
  await expect(dock(page).getByText('Ready for calls.')).toBeVisible();

  await host.invoke('dev.injectInbound', { from: '+14155550123' });
  const ringing = dock(page).getByRole('region', { name: 'Incoming call' });
  await ringing.getByRole('button', { name: /^Answer/ }).click();
  await expect(dock(page).getByRole('region', { name: 'Call in progress' }).getByText('Connected')).toBeVisible();

  // The voice host page loads under its own policy too (it has no line to join here).
  const voice = await page.context().newPage();
  voice.on('pageerror', (error) => problems.push(`voice host: ${error.message}`));
  await voice.addInitScript(reportViolations);
  voice.on('console', (message) => {
    if (message.text().startsWith('CSP violation')) problems.push(`voice host: ${message.text()}`);
  });
  const voiceLoaded = await voice.goto(`${origin}/voice-host.html`);
  expect(voiceLoaded?.headers()['content-security-policy']).toBe(voiceCsp);
  await voice.waitForLoadState('load');
  await voice.close();
  await dock(page)
    .getByRole('button', { name: /^Hang up/ })
    .click();
  expect(problems).toEqual([]);
});

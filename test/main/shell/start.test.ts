import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannels } from '../../../src/shared/api/table';
import type { CoreOptions } from '../../../src/main/core/types';
import { startShell, type ShellOptions } from '../../../src/main/shell/start';
import { createFakeCore } from './fake-core';
import * as electron from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { app, BrowserWindow, ipcMain, session, protocol, Menu } = electron;
const mainDir = '/fake/app/out/main';

/** Starts the shell against the fake Electron; `ready` lets a test act before 'ready'. */
async function start(options: Partial<ShellOptions> & { beforeReady?: () => void } = {}) {
  const fake = createFakeCore();
  const createCore = vi.fn((_options: CoreOptions) => fake.core);
  const started = startShell({ createCore, mainDir, argv: ['switchboard'], env: {}, platform: 'linux', ...options });
  options.beforeReady?.();
  app.becomeReady();
  const shell = await started;
  const window = BrowserWindow.instances[0];
  return { shell, fake, createCore, window };
}

beforeEach(() => electron.resetFakeElectron());

describe('the main window', () => {
  it('is isolated, sandboxed, without Node, with web security and our preload', async () => {
    const { window } = await start();
    const prefs = window?.options['webPreferences'];
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      preload: '/fake/app/out/preload/index.cjs',
    });
    expect(app.sandboxEnabled).toBe(true);
  });

  it('loads the built console from app://switchboard, never a remote page', async () => {
    const { window } = await start();
    expect(window?.loaded).toEqual(['app://switchboard/index.html']);
    expect(protocol.privileged).toContainEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
    expect(session.defaultSession.protocolHandlers.has('app')).toBe(true);
  });

  it('serves the app pages with the strict CSP header', async () => {
    const base = mkdtempSync(path.join(tmpdir(), 'switchboard-shell-'));
    mkdirSync(path.join(base, 'out', 'renderer'), { recursive: true });
    writeFileSync(path.join(base, 'out', 'renderer', 'index.html'), '<!doctype html><title>Switchboard</title>');
    await start({ mainDir: path.join(base, 'out', 'main') });
    const handler = session.defaultSession.protocolHandlers.get('app');
    const response = await handler!(new Request('app://switchboard/index.html'));
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'self'",
      "script-src 'self';",
      "style-src 'self';",
      "connect-src 'self';",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
  });

  it('in development loads ELECTRON_RENDERER_URL and adds the CSP header to its responses only', async () => {
    const { window } = await start({ env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } });
    expect(window?.loaded).toEqual(['http://localhost:5173/index.html']);
    const ours = session.defaultSession.receiveHeaders({
      url: 'http://localhost:5173/index.html',
      responseHeaders: { 'content-type': ['text/html'] },
    });
    const csp = (ours['responseHeaders'] as Record<string, string[]>)['Content-Security-Policy']?.[0] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    const foreign = session.defaultSession.receiveHeaders({ url: 'https://example.com/', responseHeaders: {} });
    expect(foreign).toEqual({});
    expect(session.defaultSession.protocolHandlers.has('app')).toBe(false);
  });

  it('a packaged app ignores ELECTRON_RENDERER_URL', async () => {
    app.isPackaged = true;
    Object.defineProperty(process, 'resourcesPath', { value: '/opt/Switchboard/resources', configurable: true });
    const { window, createCore } = await start({ env: { ELECTRON_RENDERER_URL: 'http://attacker.example' } });
    expect(window?.loaded).toEqual(['app://switchboard/index.html']);
    expect(createCore.mock.calls[0]?.[0]?.migrationsDir).toBe('/opt/Switchboard/resources/migrations');
  });

  it('blocks navigation to another origin and denies window.open', async () => {
    const { window } = await start();
    const contents = window!.webContents;
    expect(contents.navigate('will-navigate', 'https://example.com/phish')).toBe(false);
    expect(contents.navigate('will-navigate', 'app://switchboard/index.html#/contacts')).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(electron.shell.opened).toEqual(['https://example.com/']);
    expect(contents.windowOpenHandler?.({ url: 'http://example.com/' })).toEqual({ action: 'deny' });
    expect(electron.shell.opened).toEqual(['https://example.com/']);
  });

  it('grants the microphone to the app origin only, and nothing else to anyone', async () => {
    await start();
    const ses = session.defaultSession;
    const app_ = 'app://switchboard/index.html';
    expect(ses.requestPermission('media', { requestingUrl: app_, isMainFrame: true, mediaTypes: ['audio'] })).toBe(
      true,
    );
    expect(
      ses.requestPermission('media', {
        requestingUrl: 'https://example.com/',
        isMainFrame: true,
        mediaTypes: ['audio'],
      }),
    ).toBe(false);
    expect(ses.requestPermission('media', { requestingUrl: app_, isMainFrame: true, mediaTypes: ['video'] })).toBe(
      false,
    );
    expect(ses.requestPermission('geolocation', { requestingUrl: app_, isMainFrame: true })).toBe(false);
    expect(ses.checkPermission('media', 'app://switchboard', { mediaType: 'audio' })).toBe(true);
    expect(ses.checkPermission('media', 'https://example.com', { mediaType: 'audio' })).toBe(false);
    expect(ses.checkPermission('notifications', 'app://switchboard', {})).toBe(false);
  });

  it('installs an application menu without devtools in production', async () => {
    await start();
    const template = JSON.stringify((Menu.applied as { template: unknown }).template);
    expect(template).toContain('editMenu');
    expect(template).not.toContain('toggleDevTools');
  });
  it('macOS: activating the app after its window was closed opens the console again', async () => {
    const { window } = await start({ platform: 'darwin' });
    window!.close();
    app.emit('window-all-closed');
    expect(app.quitCalls).toBe(0);
    app.emit('activate', new electron.FakeEvent(), false);
    expect(BrowserWindow.instances).toHaveLength(2);
    expect(BrowserWindow.instances[1]!.loaded).toEqual(['app://switchboard/index.html']);
  });

  it('Windows/Linux: closing the last window quits', async () => {
    const { window } = await start({ platform: 'win32' });
    window!.close();
    app.emit('window-all-closed');
    expect(app.quitCalls).toBe(1);
  });
});

describe('start, links and single instance', () => {
  it('creates the core in the user-data folder with the app version, host electron, dev migrations, the built pull worker', async () => {
    const { createCore } = await start();
    expect(createCore).toHaveBeenCalledWith({
      dataDir: '/fake/userData',
      host: 'electron',
      migrationsDir: '/fake/app/src/main/core/db/migrations',
      version: '9.9.9',
      seedDemo: true,
      sync: {
        secrets: expect.objectContaining({ read: expect.any(Function) }),
        // The directory download's worker, built beside the main bundle (electron.vite.config.ts).
        pullWorker: { entry: path.join(mainDir, 'pull-worker.js') },
      },
    });
  });

  it('registers as the default handler for tel, callto and sms', async () => {
    await start();
    expect(app.protocolClients.map((client) => client.scheme)).toEqual(['tel', 'callto', 'sms']);
  });

  it('quits without opening anything when another instance holds the lock', async () => {
    app.lockAcquired = false;
    const fake = createFakeCore();
    const createCore = vi.fn(() => fake.core);
    const shell = await startShell({
      createCore,
      mainDir,
      argv: ['switchboard', 'tel:+1415'],
      env: {},
      platform: 'linux',
    });
    expect(shell).toBeNull();
    expect(app.quitCalls).toBe(1);
    expect(BrowserWindow.instances).toHaveLength(0);
    expect(createCore).not.toHaveBeenCalled();
    expect(app.protocolClients).toHaveLength(0);
  });

  it('a second instance with a tel: link focuses the console and hands the link to the core', async () => {
    const { fake, window } = await start();
    window!.finishLoad();
    window!.minimize();
    window!.focused = false;
    app.emit(
      'second-instance',
      new electron.FakeEvent(),
      ['/opt/Switchboard/switchboard', '--no-sandbox', 'tel:+14155550123'],
      '/',
    );
    expect(fake.core.handleDialLink).toHaveBeenCalledWith('tel:+14155550123');
    expect(window!.isMinimized()).toBe(false);
    expect(window!.visible).toBe(true);
    expect(window!.focused).toBe(true);
  });

  it('the first start argv link reaches the core once the console has loaded', async () => {
    const { fake, window } = await start({ argv: ['switchboard', 'callto:+4930123456'] });
    expect(fake.core.handleDialLink).not.toHaveBeenCalled();
    window!.finishLoad();
    expect(fake.core.handleDialLink).toHaveBeenCalledWith('callto:+4930123456');
  });

  it('a macOS open-url before ready is queued and delivered after the console loads', async () => {
    let event: electron.FakeEvent | undefined;
    const { fake, window } = await start({
      platform: 'darwin',
      beforeReady: () => {
        expect(app.isReady()).toBe(false);
        event = new electron.FakeEvent();
        app.emit('open-url', event, 'tel:+441632960961');
      },
    });
    expect(event?.defaultPrevented).toBe(true);
    expect(fake.core.handleDialLink).not.toHaveBeenCalled();
    window!.finishLoad();
    expect(fake.core.handleDialLink).toHaveBeenCalledWith('tel:+441632960961');
    expect(window!.focused).toBe(true);
  });

  it('closes the core when the app quits', async () => {
    const { fake } = await start();
    app.emit('will-quit', new electron.FakeEvent());
    expect(fake.core.close).toHaveBeenCalledTimes(1);
    expect(ipcMain.handlers.has(ipcChannels.invoke)).toBe(false);
  });

  it('shows the core start error and quits (e.g. a database from a newer version)', async () => {
    const createCore = vi.fn(() => {
      throw new Error('This database was written by a newer Switchboard (2.0). Update the app.');
    });
    const started = startShell({ createCore, mainDir, argv: ['switchboard'], env: {}, platform: 'linux' });
    app.becomeReady();
    expect(await started).toBeNull();
    expect(electron.dialog.errors[0]?.content).toContain('newer Switchboard');
    expect(app.quitCalls).toBe(1);
    expect(BrowserWindow.instances).toHaveLength(0);
  });
});

describe('the IPC bridge', () => {
  it('passes an invoke from our window to core.dispatch and returns its reply', async () => {
    const { fake, window } = await start();
    const reply = await ipcMain.invokeFrom(
      window!.webContents,
      'app://switchboard/index.html',
      ipcChannels.invoke,
      'app.info',
      {},
    );
    expect(fake.core.dispatch).toHaveBeenCalledWith('app.info', {});
    expect(reply).toEqual({ ok: true, value: { name: 'app.info', input: {} } });
  });

  it('refuses an invoke from a WebContents that is not one of our windows', async () => {
    const { fake } = await start();
    const stranger = new electron.FakeWebContents();
    const reply = await ipcMain.invokeFrom(
      stranger,
      'app://switchboard/index.html',
      ipcChannels.invoke,
      'app.info',
      {},
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
    // The shell's own reads (tray, line controls, desktop preferences) never ask for app.info.
    expect(fake.core.dispatch).not.toHaveBeenCalledWith('app.info', expect.anything());
  });

  it('refuses an invoke from our window when the sending frame shows a foreign page or is gone', async () => {
    const { fake, window } = await start();
    for (const frameUrl of ['https://example.com/', 'file:///tmp/x.html', null]) {
      const reply = await ipcMain.invokeFrom(window!.webContents, frameUrl, ipcChannels.invoke, 'app.info', {});
      expect(reply).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
    }
    expect(fake.core.dispatch).not.toHaveBeenCalledWith('app.info', expect.anything());
  });

  it('forwards core events to open windows and not to closed ones', async () => {
    const { fake, window } = await start();
    fake.emit('data.changed', { entity: 'call', ids: ['c1'] });
    expect(window!.webContents.sent).toEqual([[ipcChannels.event, 'data.changed', { entity: 'call', ids: ['c1'] }]]);
    window!.close();
    fake.emit('data.changed', { entity: 'call', ids: ['c2'] });
    expect(window!.webContents.sent).toHaveLength(1);
  });
});

describe('notifications', () => {
  it('a click focuses the console, then runs the callback', async () => {
    const { shell, window } = await start();
    const onClick = vi.fn(() => expect(window!.focused).toBe(true));
    expect(
      shell!.notifier.notify({ title: 'Incoming call', body: 'Ada Lovelace', urgent: true, onClick }),
    ).not.toBeNull();
    const notification = electron.Notification.instances[0]!;
    expect(notification.shown).toBe(true);
    expect(notification.options).toMatchObject({ title: 'Incoming call', body: 'Ada Lovelace', urgency: 'critical' });
    notification.emit('click');
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('reports false where the OS has no notifications', async () => {
    const { shell } = await start();
    electron.Notification.supported = false;
    expect(shell!.notifier.notify({ title: 't', body: 'b' })).toBeNull();
  });
});

describe('crash reports', () => {
  it('are kept on this computer: the crash reporter starts before ready and uploads nothing', async () => {
    let startedBeforeReady: unknown = undefined;
    await start({ beforeReady: () => (startedBeforeReady = electron.crashReporter.started) });
    expect(startedBeforeReady).toEqual({ uploadToServer: false });
  });
});

describe('Help → Copy diagnostics', () => {
  it('copies the core’s report with the log file and crash reports added, redacted, and says so', async () => {
    const { fake } = await start({
      log: {
        info: () => {},
        error: () => {},
        recentErrors: () => [{ at: '2026-12-01T10:00:00.000Z', text: 'refused password=hunter2' }],
        filePath: () => '/logs/main.log',
      },
    });
    fake.core.dispatch.mockImplementation(async (name: unknown) =>
      name === 'app.diagnostics'
        ? { ok: true as const, value: { generatedAt: 'x', text: '## Line readiness\nready' } as never }
        : { ok: true as const, value: null as never },
    );
    const menu = Menu.applied as { template: { role?: string; submenu?: { label: string; click: () => void }[] }[] };
    const help = menu.template.find((item) => item.role === 'help');
    help!.submenu!.find((item) => item.label === 'Copy diagnostics')!.click();
    await vi.waitFor(() => expect(electron.clipboard.written).toHaveLength(1));
    const text = electron.clipboard.written[0]!;
    expect(text).toContain('## Line readiness\nready');
    expect(text).toContain('Log file: /logs/main.log');
    expect(text).toContain('Crash reports (kept on this computer): /fake/crashDumps');
    expect(text).toContain('refused password=[redacted]');
    expect(electron.Notification.instances.at(-1)?.options).toMatchObject({ title: 'Diagnostics copied' });
  });
});

import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CoreOptions } from '../../../src/main/core/types';
import { startShell } from '../../../src/main/shell/start';
import { dayMs, type Updater } from '../../../src/main/shell/updates';
import { createFakeCore } from './fake-core';
import * as electron from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { app, BrowserWindow, Notification } = electron;

/** electron-updater's autoUpdater as far as the shell uses it. */
class FakeUpdater extends EventEmitter implements Updater {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  feed: unknown = null;
  checks = 0;
  installs: unknown[][] = [];
  setFeedURL(options: { provider: 'generic'; url: string }): void {
    this.feed = options;
  }
  async checkForUpdates(): Promise<unknown> {
    this.checks += 1;
    return null;
  }
  quitAndInstall(...args: unknown[]): void {
    this.installs.push(args);
    // As electron-updater does: the windows close first, then the app quits.
    for (const window of BrowserWindow.getAllWindows()) window.requestClose();
  }
}

const snapshot = (phase: string, version: number) => ({
  version,
  availability: 'Available',
  returnTo: 'Available',
  phase,
  call: null,
});

async function start(options: { packaged?: boolean; env?: Record<string, string> } = {}) {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  app.isPackaged = options.packaged ?? true;
  // A packaged app finds its resources (migrations, tray icons) here.
  Object.defineProperty(process, 'resourcesPath', { value: '/opt/Switchboard/resources', configurable: true });
  const fake = createFakeCore();
  fake.core.dispatch.mockImplementation(async (name: unknown) => {
    if (name === 'line.state') return { ok: true as const, value: snapshot('idle', 1) as never };
    return { ok: false as const, error: { code: 'x', message: 'not in this test' } } as never;
  });
  const updater = new FakeUpdater();
  const started = startShell({
    createCore: (_options: CoreOptions) => fake.core,
    mainDir: '/fake/app/out/main',
    argv: ['switchboard'],
    env: options.env ?? {},
    platform: 'linux',
    updater,
  });
  app.becomeReady();
  await started;
  await vi.waitFor(() => expect(fake.core.dispatch).toHaveBeenCalledWith('line.state', {}));
  const downloaded = (version: string) => {
    updater.emit('update-downloaded', { version });
    return Notification.instances.at(-1)!;
  };
  return { fake, updater, downloaded, window: BrowserWindow.instances[0]! };
}

beforeEach(() => {
  electron.resetFakeElectron();
  vi.useRealTimers();
});

describe('updates', () => {
  it('use the configured generic feed, download by themselves, and are checked at start and daily', async () => {
    const { updater } = await start({ env: { SWITCHBOARD_UPDATE_URL: 'https://updates.example.com/switchboard' } });
    expect(updater.feed).toEqual({ provider: 'generic', url: 'https://updates.example.com/switchboard' });
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(updater.checks).toBe(1);
    vi.advanceTimersByTime(dayMs);
    expect(updater.checks).toBe(2);
    vi.advanceTimersByTime(dayMs);
    expect(updater.checks).toBe(3);
  });

  it('are not checked in an unpackaged app', async () => {
    const { updater } = await start({ packaged: false });
    expect(updater.checks).toBe(0);
  });

  it('install at once when the agent clicks while idle, closing the window for real (not to the tray)', async () => {
    const { updater, downloaded, window } = await start();
    const notification = downloaded('1.2.0');
    expect(notification.options).toMatchObject({ title: 'Switchboard 1.2.0 is ready' });
    notification.emit('click');
    expect(updater.installs).toEqual([[false, true]]);
    expect(window.destroyed).toBe(true);
  });

  it('never install during a call or with a wrap-up pending; a click waits until the line is idle', async () => {
    const { fake, updater, downloaded } = await start();
    fake.emit('line.changed', snapshot('in-progress', 2));
    downloaded('1.2.0').emit('click');
    expect(updater.installs).toEqual([]);
    fake.emit('line.changed', snapshot('on-hold', 3));
    fake.emit('line.changed', snapshot('wrap-up', 4));
    expect(updater.installs).toEqual([]);
    fake.emit('line.changed', snapshot('idle', 5));
    expect(updater.installs).toHaveLength(1);
    // Ringing again after that does not install a second time.
    fake.emit('line.changed', snapshot('ringing-in', 6));
    fake.emit('line.changed', snapshot('idle', 7));
    expect(updater.installs).toHaveLength(1);
  });

  it('without a click, never install by themselves (only when the agent quits)', async () => {
    const { fake, updater, downloaded } = await start();
    downloaded('1.2.0');
    fake.emit('line.changed', snapshot('in-progress', 2));
    fake.emit('line.changed', snapshot('idle', 3));
    vi.advanceTimersByTime(dayMs);
    expect(updater.installs).toEqual([]);
  });
});

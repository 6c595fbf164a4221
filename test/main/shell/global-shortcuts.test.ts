import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CoreOptions } from '../../../src/main/core/types';
import { createGlobalShortcuts } from '../../../src/main/shell/global-shortcuts';
import { startShell } from '../../../src/main/shell/start';
import { defaultDesktopPrefs, type DesktopPrefs, type ShortcutStatus } from '../../../src/shared/api/desktop';
import { createFakeCore } from './fake-core';
import * as electron from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { app, BrowserWindow, globalShortcut, clipboard } = electron;

/** Starts the shell with a core holding `prefs` and a line in `phase`. */
async function start(
  options: { prefs?: Partial<DesktopPrefs>; phase?: string; muted?: boolean; platform?: NodeJS.Platform } = {},
) {
  const fake = createFakeCore();
  let prefs: DesktopPrefs = { ...defaultDesktopPrefs(), ...options.prefs };
  const reports: ShortcutStatus[][] = [];
  const line = {
    version: 1,
    availability: 'Available',
    returnTo: 'Available',
    phase: options.phase ?? 'idle',
    call: options.phase ? { muted: options.muted ?? false } : null,
  };
  fake.core.dispatch.mockImplementation(async (name: unknown, input: unknown) => {
    if (name === 'desktop.get') return { ok: true as const, value: { prefs, shortcuts: null } as never };
    if (name === 'line.state') return { ok: true as const, value: line as never };
    return { ok: true as const, value: { name, input } as never };
  });
  Object.assign(fake.core, { setShortcutReport: (report: ShortcutStatus[]) => reports.push(report) });
  const started = startShell({
    createCore: (_options: CoreOptions) => fake.core,
    mainDir: '/fake/app/out/main',
    argv: ['switchboard'],
    env: {},
    platform: options.platform ?? 'linux',
  });
  app.becomeReady();
  const shell = (await started)!;
  await shell.desktop.apply();
  await vi.waitFor(() => expect(fake.core.dispatch).toHaveBeenCalledWith('line.state', {}));
  return {
    shell,
    fake,
    reports,
    window: BrowserWindow.instances[0]!,
    /** The agent changed the preferences in Settings: the core stored them and said so. */
    change: async (next: Partial<DesktopPrefs>) => {
      prefs = { ...prefs, ...next };
      fake.emit('data.changed', { entity: 'settings', ids: ['desktop'] });
      await shell.desktop.apply();
    },
  };
}

const dispatched = (fake: ReturnType<typeof createFakeCore>) =>
  fake.core.dispatch.mock.calls
    .map(([name]) => name)
    .filter((name) => String(name).startsWith('line.') && name !== 'line.state');

beforeEach(() => electron.resetFakeElectron());

describe('global shortcuts', () => {
  it('registers each configured shortcut and the headset keys, and reports them registered', async () => {
    const { reports } = await start();
    expect([...globalShortcut.registered.keys()].sort()).toEqual(
      [
        'CommandOrControl+Shift+A',
        'CommandOrControl+Shift+H',
        'CommandOrControl+Shift+M',
        'CommandOrControl+Shift+J',
        'CommandOrControl+Shift+S',
        'CommandOrControl+Shift+D',
        'MediaPlayPause',
        'MediaStop',
      ].sort(),
    );
    expect(reports.at(-1)?.every((status) => status.state === 'registered')).toBe(true);
  });

  it('reports, in words, a shortcut another application holds instead of losing it silently', async () => {
    globalShortcut.taken.add('CommandOrControl+Shift+M');
    const { reports } = await start();
    const mute = reports.at(-1)?.find((status) => status.action === 'mute');
    expect(mute).toMatchObject({ state: 'taken', accelerator: 'CommandOrControl+Shift+M' });
    expect(mute?.message).toBe(
      'Mute or unmute: CommandOrControl+Shift+M is already used by another application or the system. Pick another.',
    );
    expect(globalShortcut.registered.has('CommandOrControl+Shift+M')).toBe(false);
  });

  it('reports an accelerator the OS refuses to read as failed, and keeps registering the others', () => {
    const shortcuts = createGlobalShortcuts({
      globalShortcut,
      platform: 'win32',
      handlers: Object.fromEntries(
        ['answer', 'hangup', 'mute', 'hold', 'showConsole', 'dialClipboard', 'playPause', 'stop'].map((k) => [
          k,
          () => {},
        ]),
      ) as never,
    });
    const report = shortcuts.apply({
      shortcuts: { ...defaultDesktopPrefs().shortcuts, hold: 'Ctrl+Bogus' },
      mediaKeys: false,
    });
    expect(report.find((status) => status.action === 'hold')).toMatchObject({
      state: 'failed',
      message: 'Hold or resume: Ctrl+Bogus was refused (conversion failure).',
    });
    expect(report.filter((status) => status.state === 'registered')).toHaveLength(5);
  });

  it('on macOS says where to allow the media keys when they cannot be taken', async () => {
    globalShortcut.taken.add('MediaPlayPause');
    const { reports } = await start({ platform: 'darwin' });
    const media = reports.at(-1)?.find((status) => status.accelerator === 'MediaPlayPause');
    expect(media?.message).toContain('Privacy & Security → Accessibility');
  });

  it('re-registers when the agent changes them: the old keys are released, the new ones held', async () => {
    const { change, reports } = await start();
    await change({
      shortcuts: { ...defaultDesktopPrefs().shortcuts, answer: 'Alt+F9', dialClipboard: null },
      mediaKeys: false,
    });
    expect(globalShortcut.registered.has('CommandOrControl+Shift+A')).toBe(false);
    expect(globalShortcut.registered.has('Alt+F9')).toBe(true);
    expect(globalShortcut.registered.has('CommandOrControl+Shift+D')).toBe(false);
    expect(globalShortcut.registered.has('MediaPlayPause')).toBe(false);
    expect(reports).toHaveLength(2);
    // A change of something else (close to tray) does not touch the shortcuts.
    await change({ closeToTray: false });
    expect(reports).toHaveLength(2);
  });

  it('releases every shortcut at quit', async () => {
    await start();
    app.emit('will-quit');
    expect(globalShortcut.registered.size).toBe(0);
  });
});

describe('what the shortcuts do', () => {
  it('answer and hang up (reject) a ringing call; the headset key answers it', async () => {
    const { fake } = await start({ phase: 'ringing-in' });
    globalShortcut.press('CommandOrControl+Shift+A');
    globalShortcut.press('CommandOrControl+Shift+H');
    globalShortcut.press('MediaPlayPause');
    await vi.waitFor(() => expect(dispatched(fake)).toEqual(['line.answer', 'line.reject', 'line.answer']));
  });

  it('during a call: mute toggles, hold holds, hang up and the headset key end it; answer does nothing', async () => {
    const { fake } = await start({ phase: 'in-progress', muted: true });
    globalShortcut.press('CommandOrControl+Shift+A');
    globalShortcut.press('CommandOrControl+Shift+M');
    await vi.waitFor(() => expect(fake.core.dispatch).toHaveBeenCalledWith('line.mute', { muted: false }));
    globalShortcut.press('CommandOrControl+Shift+J');
    globalShortcut.press('CommandOrControl+Shift+H');
    globalShortcut.press('MediaStop');
    await vi.waitFor(() => expect(dispatched(fake)).toEqual(['line.mute', 'line.hold', 'line.hangup', 'line.hangup']));
  });

  it('on hold, hold resumes', async () => {
    const { fake } = await start({ phase: 'on-hold' });
    globalShortcut.press('CommandOrControl+Shift+J');
    await vi.waitFor(() => expect(dispatched(fake)).toEqual(['line.resume']));
  });

  it('show console brings the window forward from another app', async () => {
    const { window } = await start();
    window.hide();
    globalShortcut.press('CommandOrControl+Shift+S');
    expect(window.visible).toBe(true);
    expect(window.focused).toBe(true);
  });

  it('dial clipboard hands the number to the console as a tel: link (confirm sheet, do-not-contact rules)', async () => {
    const { fake, window } = await start();
    window.hide();
    clipboard.text = '  +1 (415) 555-0123 \n';
    globalShortcut.press('CommandOrControl+Shift+D');
    await vi.waitFor(() => expect(fake.core.handleDialLink).toHaveBeenCalledWith('tel:+1415555-0123'));
    expect(window.visible).toBe(true);
    // It never dials by itself: dialing is the console's confirm sheet's job.
    expect(dispatched(fake)).toEqual([]);
    clipboard.text = 'callto:+442079460018';
    globalShortcut.press('CommandOrControl+Shift+D');
    await vi.waitFor(() => expect(fake.core.handleDialLink).toHaveBeenLastCalledWith('callto:+442079460018'));
    clipboard.text = '   ';
    globalShortcut.press('CommandOrControl+Shift+D');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fake.core.handleDialLink).toHaveBeenCalledTimes(2);
  });
});

describe('start at login', () => {
  it('follows the setting, and is left alone when something else changes', async () => {
    const { change } = await start();
    expect(app.loginItem).toEqual({ openAtLogin: false });
    await change({ startAtLogin: true });
    expect(app.loginItem).toEqual({ openAtLogin: true });
    app.loginItem = null;
    await change({ closeToTray: false });
    expect(app.loginItem).toBeNull();
  });
});

import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultDesktopPrefs } from '../../../src/shared/api/desktop';
import type { CoreOptions } from '../../../src/main/core/types';
import { startShell } from '../../../src/main/shell/start';
import {
  badgeCount,
  trayIconKey,
  trayIconKeys,
  trayMenuTemplate,
  trayTooltip,
} from '../../../src/main/shell/tray-state';
import { createFakeCore } from './fake-core';
import * as electron from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { app, BrowserWindow, Tray, dialog } = electron;
const root = path.resolve(import.meta.dirname, '../../..');

function snapshot(over: Record<string, unknown> = {}) {
  return {
    version: 1,
    line: 'simulated',
    registration: 'registered',
    availability: 'Available',
    availabilitySince: '2026-12-01T09:00:00.000Z',
    returnTo: 'Available',
    phase: 'idle',
    call: null,
    lineError: null,
    ...over,
  };
}

const readiness = (level: string) => ({
  level,
  line: 'simulated',
  summary: 'x',
  reasons: [],
  registration: 'registered',
  tokenExpiresAt: null,
  lastReRegistrationAt: null,
  audio: null,
});

const missedCall = (id: string, caller: string) => ({
  id,
  at: '2026-12-01T09:30:00.000Z',
  number: '+14155550123',
  caller,
  related: null,
  reason: 'Not answered',
  task: null,
  handled: false,
});

/** Starts the shell with a core that answers the reads the tray makes. */
async function start(answers: { missed?: ReturnType<typeof missedCall>[]; overdue?: number; level?: string } = {}) {
  const fake = createFakeCore();
  let line = snapshot();
  fake.core.dispatch.mockImplementation(async (name: unknown, input: unknown) => {
    const value = (() => {
      switch (name) {
        case 'line.state':
          return line;
        case 'line.setAvailability':
          line = snapshot({
            version: line.version + 1,
            availability: (input as { availability: string }).availability,
          });
          // As the core does: every change of the line is announced.
          fake.emit('line.changed', line);
          return line;
        case 'calls.missed':
          return { items: answers.missed ?? [], unhandled: (answers.missed ?? []).length };
        case 'followUps.list':
          return { items: [], overdue: answers.overdue ?? 0 };
        case 'voice.readiness':
          return readiness(answers.level ?? 'ready');
        case 'desktop.get':
          return { prefs: defaultDesktopPrefs(), shortcuts: null };
        default:
          return { name, input };
      }
    })();
    return { ok: true as const, value: value as never };
  });
  const started = startShell({
    createCore: (_options: CoreOptions) => fake.core,
    mainDir: path.join(root, 'out', 'main'),
    argv: ['switchboard'],
    env: {},
    platform: 'linux',
  });
  app.becomeReady();
  const shell = (await started)!;
  await shell.tray.refresh();
  await shell.desktop.apply();
  const tray = Tray.instances[0]!;
  return { shell, fake, tray, window: BrowserWindow.instances[0]! };
}

const icon = (tray: electron.Tray) => path.basename(tray.image.path);

beforeEach(() => electron.resetFakeElectron());

describe('the tray icon per state', () => {
  it('has a distinct icon file, drawn at 1× and 2×, for every state it can show', () => {
    for (const key of trayIconKeys) {
      expect(existsSync(path.join(root, 'resources', 'tray', `${key}.png`)), key).toBe(true);
      expect(existsSync(path.join(root, 'resources', 'tray', `${key}@2x.png`)), key).toBe(true);
    }
    expect(new Set(trayIconKeys).size).toBe(trayIconKeys.length);
  });

  it('shows availability × readiness, a call before missed calls, missed calls before availability', () => {
    const line = (availability: string, phase = 'idle') => ({ availability, phase }) as never;
    expect(trayIconKey({ line: line('Available'), readiness: 'ready', missed: 0 })).toBe('available');
    expect(trayIconKey({ line: line('Available'), readiness: 'degraded', missed: 0 })).toBe('available');
    expect(trayIconKey({ line: line('Available'), readiness: 'not-ready', missed: 0 })).toBe('available-notready');
    expect(trayIconKey({ line: line('Busy'), readiness: 'not-ready', missed: 0 })).toBe('busy-notready');
    expect(trayIconKey({ line: line('Away'), readiness: 'ready', missed: 0 })).toBe('away');
    expect(trayIconKey({ line: line('AfterCallWork', 'wrap-up'), readiness: 'ready', missed: 0 })).toBe('wrapup');
    expect(trayIconKey({ line: line('Offline'), readiness: 'not-ready', missed: 0 })).toBe('offline');
    expect(trayIconKey({ line: null, readiness: null, missed: 0 })).toBe('offline');
    expect(trayIconKey({ line: line('Away'), readiness: 'ready', missed: 2 })).toBe('missed');
    expect(trayIconKey({ line: line('Busy', 'on-hold'), readiness: 'ready', missed: 2 })).toBe('call');
    expect(trayTooltip({ line: line('Available', 'in-progress'), readiness: 'not-ready', missed: 1 })).toBe(
      'Switchboard: Available · on a call · not ready for calls · 1 missed call',
    );
  });

  it('follows the line and readiness as the core announces them', async () => {
    const { fake, tray } = await start();
    expect(icon(tray)).toBe('available.png');
    fake.emit('voice.changed', readiness('not-ready'));
    expect(icon(tray)).toBe('available-notready.png');
    expect(tray.tooltip).toBe('Switchboard: Available · not ready for calls');
    fake.emit('line.changed', snapshot({ version: 2, phase: 'ringing-in' }));
    expect(icon(tray)).toBe('call.png');
    fake.emit('line.changed', snapshot({ version: 3, availability: 'Away' }));
    expect(icon(tray)).toBe('away-notready.png');
  });

  it('shows missed calls waiting, lists them in the menu, and badges missed plus overdue follow-ups', async () => {
    const { tray } = await start({
      missed: [missedCall('c1', 'Ada Lovelace'), missedCall('c2', 'Alan Turing')],
      overdue: 3,
    });
    expect(icon(tray)).toBe('missed.png');
    expect(app.badgeCount).toBe(5);
    expect(tray.item('Missed calls (2)')).toBeTruthy();
    expect(tray.item(/^Ada Lovelace · /)).toBeTruthy();
    expect(badgeCount(0, 0)).toBe(0);
  });
});

describe('the tray menu', () => {
  it('sets the availability through the core and shows it checked', async () => {
    const { fake, tray } = await start();
    expect(tray.item('Available')['checked']).toBe(true);
    (tray.item('Away')['click'] as () => void)();
    await vi.waitFor(() =>
      expect(fake.core.dispatch).toHaveBeenCalledWith('line.setAvailability', { availability: 'Away' }),
    );
    await vi.waitFor(() => expect(icon(tray)).toBe('away.png'));
    fake.emit('line.changed', snapshot({ version: 9 }));
    expect(tray.item('Available')['checked']).toBe(true);
    expect(tray.item('Away')['checked']).toBe(false);
  });

  it('during after-call work picks what follows it', () => {
    const template = trayMenuTemplate(
      {
        line: { availability: 'AfterCallWork', phase: 'wrap-up' } as never,
        readiness: 'ready',
        missed: 0,
        returnTo: 'Busy',
        recentMissed: [],
      },
      { setAvailability: () => {}, showConsole: () => {}, showMissed: () => {}, quit: () => {} },
      (iso) => iso,
    );
    const labels = template.map((item) => item.label);
    expect(labels).toContain('After the wrap-up:');
    expect(template.find((item) => item.label === 'Busy')?.checked).toBe(true);
  });

  it('shows the console, opens a missed call on its screen, and quits through the quit guard', async () => {
    const { fake, tray, window } = await start({ missed: [missedCall('c1', 'Ada Lovelace')] });
    window.hide();
    (tray.item('Show console')['click'] as () => void)();
    expect(window.visible).toBe(true);
    window.hide();
    (tray.item(/^Ada Lovelace · /)['click'] as () => void)();
    expect(window.visible).toBe(true);
    expect(fake.core.events.emit).toHaveBeenCalledWith('app.navigate', { hash: '#/missed/c1' });
    // Quit asks first during a call (the guard), and the window then really closes.
    fake.emit('line.changed', snapshot({ version: 5, phase: 'in-progress' }));
    (tray.item('Quit Switchboard')['click'] as () => void)();
    expect(app.quitCalls).toBe(1);
    dialog.answer = 0;
    expect(app.tryQuit()).toBe(false);
    expect(dialog.asked).toHaveLength(1);
  });

  it('is removed at quit', async () => {
    const { tray } = await start();
    app.emit('will-quit');
    expect(tray.destroyed).toBe(true);
  });
});

describe('close to tray', () => {
  it('hides the console instead of closing it, unless the app is quitting', async () => {
    const { window } = await start();
    expect(window.requestClose()).toBe(false);
    expect(window.visible).toBe(false);
    expect(window.destroyed).toBe(false);
    expect(app.tryQuit()).toBe(true);
    expect(window.requestClose()).toBe(true);
  });

  it('a quit the guard cancelled leaves close-to-tray as it was', async () => {
    const { fake, window } = await start();
    fake.emit('line.changed', snapshot({ version: 5, phase: 'in-progress' }));
    dialog.answer = 0;
    expect(app.tryQuit()).toBe(false);
    expect(window.requestClose()).toBe(false);
  });
});

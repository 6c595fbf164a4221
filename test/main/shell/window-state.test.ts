import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CoreOptions } from '../../../src/main/core/types';
import { startShell } from '../../../src/main/shell/start';
import { restoreBounds } from '../../../src/main/shell/window-state';
import { createFakeCore } from './fake-core';
import * as electron from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { app, BrowserWindow, screen } = electron;

async function start(userData: string) {
  app.paths = { userData };
  const fake = createFakeCore();
  const started = startShell({
    createCore: (_options: CoreOptions) => fake.core,
    mainDir: '/fake/app/out/main',
    argv: ['switchboard'],
    env: {},
    platform: 'linux',
  });
  app.becomeReady();
  await started;
  return BrowserWindow.instances.at(-1)!;
}

beforeEach(() => electron.resetFakeElectron());

describe('the window’s size and place', () => {
  it('are remembered across starts, maximised included', async () => {
    const userData = mkdtempSync(path.join(tmpdir(), 'switchboard-window-'));
    const first = await start(userData);
    expect(first.options).toMatchObject({ width: 1280, height: 820 });
    first.bounds = { x: 200, y: 120, width: 1100, height: 700 };
    first.maximize();
    app.tryQuit();
    first.requestClose();
    expect(JSON.parse(readFileSync(path.join(userData, 'window-state.json'), 'utf8'))).toEqual({
      x: 200,
      y: 120,
      width: 1100,
      height: 700,
      maximized: true,
    });
    electron.resetFakeElectron();
    const second = await start(userData);
    expect(second.options).toMatchObject({ x: 200, y: 120, width: 1100, height: 700 });
    expect(second.maximized).toBe(true);
  });

  it('a place on a screen that is gone is dropped, the size kept; an unreadable file is ignored', async () => {
    const userData = mkdtempSync(path.join(tmpdir(), 'switchboard-window-'));
    writeFileSync(
      path.join(userData, 'window-state.json'),
      JSON.stringify({ x: 2500, y: 100, width: 1000, height: 700, maximized: false }),
    );
    const window = await start(userData);
    expect(window.options).toMatchObject({ width: 1000, height: 700 });
    expect(window.options['x']).toBeUndefined();
    electron.resetFakeElectron();
    writeFileSync(path.join(userData, 'window-state.json'), '{ not json');
    expect((await start(userData)).options).toMatchObject({ width: 1280, height: 820 });
  });

  it('a second screen that is still there keeps the place; a title bar off the top is not reachable', () => {
    screen.displays.push({ workArea: { x: 1920, y: 0, width: 1280, height: 1000 } });
    const saved = { x: 2000, y: 50, width: 900, height: 600, maximized: false };
    const areas = screen.getAllDisplays().map((d) => d.workArea);
    expect(restoreBounds(saved, areas).bounds).toEqual({ x: 2000, y: 50, width: 900, height: 600 });
    expect(restoreBounds({ ...saved, x: 100, y: -300 }, areas).bounds).toEqual({ width: 900, height: 600 });
    expect(restoreBounds(null, areas)).toEqual({ bounds: {}, maximized: false });
  });
});

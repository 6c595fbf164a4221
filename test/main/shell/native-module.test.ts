import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openLocalDb } from '../../../src/main/core/db/open';
import type { CoreOptions } from '../../../src/main/core/types';
import { startShell } from '../../../src/main/shell/start';
import { describeStartupFailure, isNativeModuleFailure } from '../../../src/main/shell/startup-failure';
import { createFakeCore } from './fake-core';
import * as electron from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { app, BrowserWindow } = electron;
const mainDir = '/fake/app/out/main';
const migrationsDir = path.resolve('src/main/core/db/migrations');
/** What Electron says when it loads the better-sqlite3 that npm install built for Node. */
const abiMismatch = Object.assign(
  new Error(
    "The module '/repo/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\n" +
      'was compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. This version of ' +
      'Node.js requires\nNODE_MODULE_VERSION 140. Please try re-compiling or re-installing\n' +
      '    at process.func [as dlopen] (node:electron/js2c/node_init:2:2617)\n    at Module._extensions..node',
  ),
  { code: 'ERR_DLOPEN_FAILED' },
);

let dir: string;
beforeEach(() => {
  electron.resetFakeElectron();
  dir = mkdtempSync(path.join(tmpdir(), 'switchboard-native-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function startWith(createCore: (options: CoreOptions) => ReturnType<typeof createFakeCore>['core']) {
  const spy = vi.fn(createCore);
  const started = startShell({
    createCore: spy,
    mainDir,
    argv: ['switchboard'],
    env: {},
    platform: 'linux',
    electronVersion: '45.4.1',
  });
  app.becomeReady();
  return { shell: await started, createCore: spy };
}

describe('the Electron build of better-sqlite3', () => {
  it('is what the shell opens the database with in development', async () => {
    const fake = createFakeCore();
    const { createCore } = await startWith(() => fake.core);
    expect(createCore.mock.calls[0]?.[0]?.nativeBinding).toBe(
      path.join('/fake/app', '.electron-native', '45.4.1', 'better_sqlite3.node'),
    );
  });

  it('is not used by a packaged app, whose node_modules electron-builder rebuilt for Electron', async () => {
    app.isPackaged = true;
    Object.defineProperty(process, 'resourcesPath', { value: '/opt/Switchboard/resources', configurable: true });
    const fake = createFakeCore();
    const { createCore } = await startWith(() => fake.core);
    expect(createCore.mock.calls[0]?.[0]).not.toHaveProperty('nativeBinding');
  });

  it('is loaded by the core from the file it is given (here the Node build, as tests use)', () => {
    const nodeBuild = createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
    const local = openLocalDb({ file: path.join(dir, 'a.sqlite'), migrationsDir, nativeBinding: nodeBuild });
    expect(local.nativeBinding).toBe(nodeBuild);
    expect(local.sqlite.prepare('select 1 as one').get()).toEqual({ one: 1 });
    local.close();
  });
});

describe('when the native module will not load', () => {
  it('the shell says in plain words what to run, shows no stack trace, and quits', async () => {
    const { shell } = await startWith(() => {
      throw abiMismatch;
    });
    expect(shell).toBeNull();
    expect(electron.dialog.errors).toHaveLength(1);
    const { title, content } = electron.dialog.errors[0]!;
    expect(title).toBe('Switchboard cannot start');
    expect(content).toContain('not built for Electron 45.4.1');
    expect(content).toContain('run "npm run electron:native"');
    expect(content).not.toMatch(/ at |node_init|NODE_MODULE_VERSION|\n/);
    expect(app.quitCalls).toBe(1);
    expect(BrowserWindow.instances).toHaveLength(0);
  });

  it('a packaged app tells the agent to reinstall, not to run npm', () => {
    const failure = describeStartupFailure(abiMismatch, { isPackaged: true, electronVersion: '45.4.1' });
    expect(failure.message).toContain('Reinstall Switchboard');
    expect(failure.message).not.toContain('npm');
  });

  it('recognises what better-sqlite3 really throws for a missing build and for a file that is no addon', () => {
    const missing = path.join(dir, '.electron-native', '45.4.1', 'better_sqlite3.node');
    let missingError: unknown;
    try {
      openLocalDb({ file: path.join(dir, 'b.sqlite'), migrationsDir, nativeBinding: missing });
    } catch (error) {
      missingError = error;
    }
    expect(isNativeModuleFailure(missingError)).toBe(true);

    const garbage = path.join(dir, 'garbage.node');
    writeFileSync(garbage, 'this is not a shared library');
    let garbageError: unknown;
    try {
      openLocalDb({ file: path.join(dir, 'c.sqlite'), migrationsDir, nativeBinding: garbage });
    } catch (error) {
      garbageError = error;
    }
    expect(isNativeModuleFailure(garbageError)).toBe(true);
    expect(describeStartupFailure(garbageError, { isPackaged: false, electronVersion: '45.4.1' }).message).toContain(
      'npm run electron:native',
    );
  });

  it('other start errors keep their own sentence, without a stack', () => {
    const error = new Error('This database was written by a newer Switchboard (2.0). Update the app.');
    const failure = describeStartupFailure(error, { isPackaged: false, electronVersion: '45.4.1' });
    expect(failure.message).toBe('This database was written by a newer Switchboard (2.0). Update the app.');
    expect(isNativeModuleFailure(error)).toBe(false);
  });
});

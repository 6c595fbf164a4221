import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { resolveShellPaths } from '../../../src/main/shell/paths';
import { registerProtocolClients } from '../../../src/main/shell/protocol-client';

describe('registerProtocolClients', () => {
  it('packaged: registers the app itself for tel, callto and sms', () => {
    const setAsDefaultProtocolClient = vi.fn(() => true);
    const accepted = registerProtocolClients({
      app: { setAsDefaultProtocolClient },
      defaultApp: false,
      execPath: '/opt/Switchboard/switchboard',
      argv: ['/opt/Switchboard/switchboard'],
    });
    expect(setAsDefaultProtocolClient.mock.calls).toEqual([['tel'], ['callto'], ['sms']]);
    expect(accepted).toEqual(['tel', 'callto', 'sms']);
  });

  it('development (electron .): registers Electron with the resolved app path, as Electron’s deep-link guide says', () => {
    const setAsDefaultProtocolClient = vi.fn((_scheme: string, _path?: string, _args?: string[]) => true);
    registerProtocolClients({
      app: { setAsDefaultProtocolClient },
      defaultApp: true,
      execPath: '/repo/node_modules/electron/dist/electron',
      argv: ['/repo/node_modules/electron/dist/electron', '.'],
    });
    expect(setAsDefaultProtocolClient.mock.calls).toEqual([
      ['tel', '/repo/node_modules/electron/dist/electron', [path.resolve('.')]],
      ['callto', '/repo/node_modules/electron/dist/electron', [path.resolve('.')]],
      ['sms', '/repo/node_modules/electron/dist/electron', [path.resolve('.')]],
    ]);
  });

  it('reports only the schemes the OS accepted', () => {
    const setAsDefaultProtocolClient = vi.fn((scheme: string) => scheme === 'tel');
    expect(
      registerProtocolClients({ app: { setAsDefaultProtocolClient }, defaultApp: false, execPath: 'x', argv: [] }),
    ).toEqual(['tel']);
  });
});

describe('resolveShellPaths', () => {
  it('packaged: migrations come from resources (extraResources), preload and renderer from beside main', () => {
    const paths = resolveShellPaths({
      isPackaged: true,
      mainDir: '/opt/S/resources/app.asar/out/main',
      appPath: '/opt/S/resources/app.asar',
      resourcesPath: '/opt/S/resources',
      electronVersion: '45.4.1',
    });
    expect(paths).toEqual({
      preload: path.join('/opt/S/resources/app.asar/out/preload/index.cjs'),
      voicePreload: path.join('/opt/S/resources/app.asar/out/preload/voice.cjs'),
      rendererDir: path.join('/opt/S/resources/app.asar/out/renderer'),
      migrationsDir: path.join('/opt/S/resources/migrations'),
      trayIconDir: path.join('/opt/S/resources/tray'),
      // electron-builder rebuilt node_modules' better-sqlite3 for Electron: no separate build.
      nativeBinding: undefined,
    });
  });

  it('development: migrations come from the source tree, better-sqlite3 from the Electron build beside it', () => {
    const paths = resolveShellPaths({
      isPackaged: false,
      mainDir: '/repo/out/main',
      appPath: '/repo',
      resourcesPath: '',
      electronVersion: '45.4.1',
    });
    expect(paths.migrationsDir).toBe(path.join('/repo/src/main/core/db/migrations'));
    expect(paths.nativeBinding).toBe(path.join('/repo/.electron-native/45.4.1/better_sqlite3.node'));
  });
});

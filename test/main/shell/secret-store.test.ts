import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSafeStorageSecretStore } from '../../../src/main/shell/secret-store';
import { resetFakeElectron, safeStorage } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const dirs: string[] = [];
afterEach(() => {
  resetFakeElectron();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function file() {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-secret-'));
  dirs.push(dir);
  return join(dir, 'session.bin');
}

describe('the session secret in Electron: safeStorage', () => {
  it('writes it encrypted, reads it back, and forgets it on clear', () => {
    const path = file();
    const store = createSafeStorageSecretStore({ safeStorage, file: path });
    expect(store.read()).toBeNull();
    store.write('refresh-token-secret');
    expect(readFileSync(path, 'utf8')).not.toContain('refresh-token-secret');
    expect(createSafeStorageSecretStore({ safeStorage, file: path }).read()).toBe('refresh-token-secret');
    store.clear();
    expect(store.read()).toBeNull();
  });

  it('without a keychain it keeps the secret in memory only, never on disk', () => {
    safeStorage.available = false;
    const path = file();
    const store = createSafeStorageSecretStore({ safeStorage, file: path });
    store.write('refresh-token-secret');
    expect(store.read()).toBe('refresh-token-secret');
    expect(() => readFileSync(path)).toThrow();
    expect(createSafeStorageSecretStore({ safeStorage, file: path }).read()).toBeNull();
  });

  it('a file it cannot decrypt (another account’s keychain) reads as signed out', () => {
    const path = file();
    createSafeStorageSecretStore({ safeStorage, file: path }).write('x');
    const other = {
      ...safeStorage,
      decryptString: () => {
        throw new Error('bad key');
      },
    };
    expect(createSafeStorageSecretStore({ safeStorage: other, file: path }).read()).toBeNull();
  });
});

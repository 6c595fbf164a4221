import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { SecretStore } from '../core/sync/secret-store';

/** The part of Electron's safeStorage this store uses (passed in, so tests need no Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * The CRM session secret, encrypted with the OS keychain through safeStorage (Keychain on
 * macOS, DPAPI on Windows, the Secret Service or kwallet on Linux) and written to a file
 * in the user-data folder. Where no keychain is available (safeStorage would fall back to
 * a hard-coded key on Linux), the secret is kept in memory only: the agent signs in again
 * after a restart rather than leaving a readable token on disk.
 */
export function createSafeStorageSecretStore(deps: { safeStorage: SafeStorageLike; file: string }): SecretStore {
  const { safeStorage, file } = deps;
  let inMemory: string | null = null;
  return {
    read() {
      if (!safeStorage.isEncryptionAvailable()) return inMemory;
      try {
        return safeStorage.decryptString(readFileSync(file));
      } catch {
        // Missing, or written under another OS account or keychain: signed out.
        return null;
      }
    },
    write(secret) {
      if (!safeStorage.isEncryptionAvailable()) {
        inMemory = secret;
        return;
      }
      const temp = `${file}.tmp`;
      writeFileSync(temp, safeStorage.encryptString(secret), { mode: 0o600 });
      renameSync(temp, file);
    },
    clear() {
      inMemory = null;
      rmSync(file, { force: true });
    },
  };
}

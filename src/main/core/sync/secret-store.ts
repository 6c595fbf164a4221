import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Where the session secret (the refresh token) lives. The core never chooses: the host
 * passes one in. Electron's shell encrypts it with safeStorage (src/main/shell/secret-store.ts);
 * browser mode keeps it in a file only the user can read.
 */
export interface SecretStore {
  read(): string | null;
  write(secret: string): void;
  clear(): void;
}

/** Browser mode: a file in the data folder, mode 0600, replaced atomically. */
export function createFileSecretStore(file: string): SecretStore {
  return {
    read() {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return null;
      }
    },
    write(secret) {
      const temp = `${file}.tmp`;
      writeFileSync(temp, secret, { mode: 0o600 });
      // mode only applies when the file is created; a leftover temp file keeps its old one.
      chmodSync(temp, 0o600);
      renameSync(temp, file);
    },
    clear() {
      rmSync(file, { force: true });
    },
  };
}

/** Keeps the secret in memory only: signing in again after every start (tests, or no safe storage). */
export function createMemorySecretStore(): SecretStore {
  let secret: string | null = null;
  return {
    read: () => secret,
    write: (value) => {
      secret = value;
    },
    clear: () => {
      secret = null;
    },
  };
}

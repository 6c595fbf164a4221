import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * One process per PGlite data folder. PGlite is Postgres compiled to WebAssembly with
 * no postmaster: two processes on one folder each keep their own view of it, and what
 * the second writes is lost or breaks the first (a company created with the CLI while
 * the server ran was gone after a restart, and the next attempt failed inside
 * Postgres). So whoever opens the folder holds a lock file in it, and everyone else is
 * refused at once, in words that say what to do.
 *
 * The lock names its holder's pid: a lock left by a process that died (kill -9, a
 * crash) is taken over, because nothing else would ever remove it.
 */
export const LOCK_FILE = 'switchboard.lock';

export type DataDirRole = 'server' | 'cli';

interface LockContent {
  pid: number;
  role: DataDirRole;
  since: string;
}

export interface DataDirLock {
  release(): void;
}

/** Raised when another live process holds the folder; the message is for the admin. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockContent,
  ) {
    super(inUseMessage(dataDir, holder));
    this.name = 'DataDirInUseError';
  }
}

function inUseMessage(dataDir: string, holder: LockContent): string {
  const who =
    holder.role === 'server'
      ? `The server is running on this data folder (${dataDir}, process ${holder.pid})`
      : `A server CLI command is using this data folder (${dataDir}, process ${holder.pid})`;
  const what =
    holder.role === 'server'
      ? 'stop it first (Ctrl+C in its terminal), run the command, then start the server again'
      : 'wait for it to finish';
  return `${who}; ${what}. Or set DATABASE_URL to a Postgres server, which any number of processes can share.`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; it still holds the folder.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): LockContent | null {
  try {
    const content = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockContent>;
    if (typeof content.pid !== 'number') return null;
    return { pid: content.pid, role: content.role === 'cli' ? 'cli' : 'server', since: String(content.since ?? '') };
  } catch {
    // Unreadable or half-written (the holder died while writing it): nobody can be proven to hold it.
    return null;
  }
}

/**
 * Takes the folder's lock or throws DataDirInUseError. The file is created with 'wx'
 * (fails if it exists), so two processes starting together cannot both win.
 */
export function lockDataDir(
  dataDir: string,
  role: DataDirRole,
  deps: { pid?: number; isAlive?: (pid: number) => boolean } = {},
): DataDirLock {
  const pid = deps.pid ?? process.pid;
  const alive = deps.isAlive ?? isAlive;
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(file);
      if (holder && alive(holder.pid)) throw new DataDirInUseError(dataDir, holder);
      // A stale lock: its process is gone. Remove it and try once more.
      unlinkSync(file);
      continue;
    }
    writeSync(fd, JSON.stringify({ pid, role, since: new Date().toISOString() } satisfies LockContent));
    closeSync(fd);
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        // Only remove our own lock: never one a later process took over.
        if (readHolder(file)?.pid === pid) unlinkSync(file);
      },
    };
  }
  // Another process took the lock between our two attempts.
  const holder = readHolder(file);
  if (holder) throw new DataDirInUseError(dataDir, holder);
  throw new Error(
    `Another process is starting on this data folder (${dataDir}). Try again in a moment; ` +
      `if no Switchboard server or CLI is running, delete ${path.join(dataDir, LOCK_FILE)}.`,
  );
}

import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { LocalDb } from '../db/open';

/**
 * WAL checkpoints off the main event loop, for the length of a big download.
 *
 * SQLite checkpoints automatically in whichever connection commits when the WAL passes
 * 1000 pages: during a million-row download that is the main thread, every few pages,
 * for tens of milliseconds each time (it copies the WAL into the database file and syncs
 * it). While `start` is in force the main connection stops doing that, and a worker
 * thread with its own connection runs PASSIVE checkpoints instead (WAL lets a
 * checkpointer and a writer work at the same time). `stop` puts automatic checkpoints
 * back. If the worker cannot start, nothing changes: SQLite keeps checkpointing itself.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
// Below the main thread, like the download's own worker (pull-worker.ts): on a busy
// machine the thread that answers the agent runs first. Per thread on Linux.
try { require('node:os').setPriority(10); } catch {}
const Database = require(workerData.driver);
const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
db.pragma('busy_timeout = 1000');
const checkpoint = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} };
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startBackgroundCheckpoints(local: LocalDb, intervalMs = 250): Checkpointer {
  let worker: Worker;
  try {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    worker = new Worker(workerSource, {
      eval: true,
      workerData: { file: local.file, driver, intervalMs, nativeBinding: local.nativeBinding },
    });
  } catch {
    return { stop: async () => {} };
  }
  worker.on('error', () => {
    // The worker died: let SQLite checkpoint on the main connection again.
    if (local.sqlite.open) local.sqlite.pragma('wal_autocheckpoint = 1000');
  });
  worker.unref();
  local.sqlite.pragma('wal_autocheckpoint = 0');
  return {
    async stop() {
      if (local.sqlite.open) local.sqlite.pragma('wal_autocheckpoint = 1000');
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage('stop');
      await exited;
    },
  };
}

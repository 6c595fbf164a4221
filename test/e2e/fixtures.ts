import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface ConsoleHost {
  url: string;
  dataDir: string;
  /** Stops the core and starts it again on the same data folder (an app restart). */
  restart(): Promise<void>;
}

function startHost(dataDir: string, port = 0): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main/browser-mode/serve.ts', '--port', String(port), '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error('browser-mode host did not start in 30 s')), 30_000);
    lines.on('line', (line) => {
      try {
        const { url } = JSON.parse(line) as { url: string };
        clearTimeout(timer);
        resolve({ url, child });
      } catch {
        // Not the ready line; the host may log other things.
      }
    });
    child.once('exit', (code) => reject(new Error(`browser-mode host exited with ${code}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Each test gets its own core, its own SQLite file and its own port. */
export const test = base.extend<{ host: ConsoleHost }>({
  host: async ({}, use) => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'switchboard-e2e-'));
    let running = await startHost(dataDir);
    const port = Number(new URL(running.url).port);
    await use({
      get url() {
        return running.url;
      },
      dataDir,
      async restart() {
        await stop(running.child);
        running = await startHost(dataDir, port);
      },
    });
    await stop(running.child);
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };

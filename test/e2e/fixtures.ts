import { test as base, expect } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { invokeOverSocket, startHost } from './console-host';
import { stopProcess } from './processes';
import type { ApiInput, ApiName, ApiOutput } from '../../src/shared/api';

export interface ConsoleHost {
  url: string;
  dataDir: string;
  /**
   * Calls the core the way another process on the desktop would (the OS link handler,
   * the simulated line's developer menu), without going through the page.
   */
  invoke<K extends ApiName>(name: K, input: ApiInput<K>): Promise<ApiOutput<K>>;
  /** Stops the core and starts it again on the same data folder (an app restart). */
  restart(): Promise<void>;
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
      invoke: (name, input) => invokeOverSocket(running.url, name, input),
      async restart() {
        await stopProcess(running.child);
        running = await startHost(dataDir, port);
      },
    });
    await stopProcess(running.child);
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };

export { invokeOverSocket, startHost };

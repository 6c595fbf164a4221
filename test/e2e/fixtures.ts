import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
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

export function startHost(
  dataDir: string,
  port = 0,
  extraArgs: string[] = [],
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main/browser-mode/serve.ts', '--port', String(port), '--data-dir', dataDir, ...extraArgs],
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

export async function invokeOverSocket<K extends ApiName>(url: string, name: K, input: ApiInput<K>): Promise<ApiOutput<K>> {
  const socket = new WebSocket(url.replace('http', 'ws') + '/agent', { origin: url });
  try {
    // Listen before the socket opens: events broadcast to every client can arrive in the
    // same tick as our reply, and a listener re-registered between messages would miss it.
    const reply = new Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>((resolve, reject) => {
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { type: string; id?: number; reply?: never };
        if (message.type === 'reply' && message.id === 1) resolve(message.reply!);
      });
      socket.once('error', reject);
    });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    socket.send(JSON.stringify({ type: 'invoke', id: 1, name, input }));
    const result = await reply;
    if (!result.ok) throw new Error(`${name}: ${result.error!.message}`);
    return result.value as ApiOutput<K>;
  } finally {
    socket.close();
  }
}

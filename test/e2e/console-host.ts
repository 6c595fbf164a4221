import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { nodeArgsFor } from './processes';
import type { ApiInput, ApiName, ApiOutput } from '../../src/shared/api';

/**
 * The browser-mode host as a child process, and a client of its API socket: shared by
 * the e2e fixtures and the benchmarks that drive the console in Chromium.
 */

export function startHost(
  dataDir: string,
  port = 0,
  extraArgs: string[] = [],
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      ...nodeArgsFor('desktop/serve', 'src/main/browser-mode/serve.ts'),
      '--port',
      String(port),
      '--data-dir',
      dataDir,
      ...extraArgs,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    // Only bounds a failure: on a loaded machine the host's start (tsx, SQLite, migrations) can take a minute.
    const timer = setTimeout(() => reject(new Error('browser-mode host did not start in 120 s')), 120_000);
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

export async function invokeOverSocket<K extends ApiName>(
  url: string,
  name: K,
  input: ApiInput<K>,
): Promise<ApiOutput<K>> {
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

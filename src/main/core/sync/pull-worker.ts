/**
 * The directory download's worker thread: fetch, parse and apply, off the main event
 * loop (pull-in-worker.ts starts it). It runs the same pullAll as the main thread, on a
 * connection of its own to the same database file (WAL: the main thread keeps reading
 * and writing meanwhile), with its own fetch transport. The access token comes from the
 * main thread for each request; the refresh token never enters this thread.
 *
 * Messages to the main thread: `token` (asks for the access token), `page` (a page was
 * saved: which kinds of records changed), `factsDeferred`, `done`, `failed`.
 *
 * Its other job (workerData.job 'facts', facts-in-worker.ts): the number-facts sweep
 * after a download, window by window on this thread's connection; `done` or `failed`.
 * One entry for both, so the built app ships one worker file.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { openLocalConnection } from '../db/open';
import { pullAll } from './pull';
import { sweepNumberFacts } from './number-facts-fill';
import type { ToMain, ToWorker, WorkerData } from './pull-worker-protocol';
import { serializeError } from './pull-worker-protocol';
import { createHttpTransport, type TransportReply } from './transport';

// Below the main thread's priority: when the two cores are busy, the thread that answers
// the agent (and rings the phone) runs first and the download waits. On Linux the nice
// value is per thread, so this lowers only this worker; elsewhere it may not apply.
try {
  setPriority(10);
} catch {
  // Not permitted here: the download still runs, at the normal priority.
}

const port = parentPort!;
const data = workerData as WorkerData;
const transport = createHttpTransport(data.job === 'pull' ? { timeoutMs: data.timeoutMs } : {});
const post = (message: ToMain) => port.postMessage(message);

let nextTokenRequest = 0;
const waiting = new Map<
  number,
  { resolve: (v: { serverUrl: string; token: string }) => void; reject: (e: Error) => void }
>();
let stopping = false;
port.on('message', (message: ToWorker) => {
  if (message.type === 'stop') {
    stopping = true;
    return;
  }
  const pending = waiting.get(message.id);
  waiting.delete(message.id);
  if (!pending) return;
  if (message.type === 'token') pending.resolve(message.access);
  else pending.reject(new Error('no token'));
});

function access(renew: boolean): Promise<{ serverUrl: string; token: string }> {
  const id = ++nextTokenRequest;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    post({ type: 'token', id, renew });
  });
}

/** session.send's contract: an authorised request, the token renewed once after a 401. */
async function send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<TransportReply> {
  if (stopping) throw new Error('stopped');
  const first = await access(false);
  const reply = await transport.request({ serverUrl: first.serverUrl, method, path, body, token: first.token });
  if (reply.status !== 401) return reply;
  const renewed = await access(true);
  return transport.request({ serverUrl: renewed.serverUrl, method, path, body, token: renewed.token });
}

const local = openLocalConnection({ file: data.file, nativeBinding: data.nativeBinding });
try {
  if (data.job === 'facts') {
    // A turn of the event loop between windows, so that a `stop` message gets through.
    await sweepNumberFacts(local, data.window, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return !stopping;
    });
  } else {
    await pullAll({
      local,
      session: { send },
      now: () => new Date(),
      userId: () => data.userId,
      limit: data.limit,
      // Nothing to keep responsive here: bigger transactions, no yields. The main thread's
      // own writes wait for at most one slice (busy_timeout), so slices stay short.
      sliceSize: data.sliceSize,
      yieldNow: async () => {
        if (stopping) throw new Error('stopped');
      },
      onPage: (entities) => post({ type: 'page', entities }),
      onFactsDeferred: () => post({ type: 'factsDeferred' }),
    });
  }
  post({ type: 'done' });
} catch (error) {
  post({ type: 'failed', error: serializeError(error) });
} finally {
  local.close();
  port.close();
}

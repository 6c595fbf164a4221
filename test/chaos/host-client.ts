import WebSocket from 'ws';
import type { ApiInput, ApiName, ApiOutput } from '../../src/shared/api';

/**
 * One API socket to the browser-mode host, kept open for many calls (the e2e fixtures'
 * invokeOverSocket opens one per call). When the host dies every call in flight fails
 * with HostGone: the caller never got a reply, so the write is not acknowledged.
 */
export class HostGone extends Error {}

export interface HostClient {
  invoke<K extends ApiName>(name: K, input: ApiInput<K>): Promise<ApiOutput<K>>;
  close(): void;
}

type Reply = { ok: true; value: unknown } | { ok: false; error: { message: string } };

export async function connectHost(url: string): Promise<HostClient> {
  const socket = new WebSocket(url.replace('http', 'ws') + '/agent', { origin: url });
  const waiting = new Map<number, { resolve(reply: Reply): void; reject(error: Error): void }>();
  let nextId = 1;
  let gone = false;
  const fail = () => {
    gone = true;
    for (const call of waiting.values()) call.reject(new HostGone('the host went away before replying'));
    waiting.clear();
  };
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { type: string; id?: number; reply?: Reply };
    if (message.type !== 'reply' || message.id === undefined) return;
    waiting.get(message.id)?.resolve(message.reply!);
    waiting.delete(message.id);
  });
  socket.on('close', fail);
  socket.on('error', fail);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', () => reject(new HostGone('the host is not listening')));
  });
  return {
    async invoke(name, input) {
      if (gone) throw new HostGone('the host went away');
      const id = nextId++;
      const reply = await new Promise<Reply>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        socket.send(JSON.stringify({ type: 'invoke', id, name, input }), (error) => {
          if (error) reject(new HostGone('the host went away before the call was sent'));
        });
      });
      if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`);
      return reply.value as ApiOutput<typeof name>;
    },
    close: () => socket.close(),
  };
}

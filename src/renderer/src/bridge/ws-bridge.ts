import type { AgentBridge, Reply } from '../../../shared/api/table';
import { ServerMessage, wirePath } from '../../../shared/api/wire';

interface Pending {
  resolve: (reply: Reply<unknown>) => void;
}

/**
 * Browser mode's stand-in for Electron's preload: the same AgentBridge over a
 * WebSocket to the Node host. Reconnects with backoff; a request in flight when the
 * socket drops gets an error reply (the agent sees it) instead of hanging forever.
 */
export function createWebSocketBridge(url = `ws://${location.host}${wirePath}`): AgentBridge {
  const listeners = new Set<(name: string, payload: unknown) => void>();
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  let nextId = 1;
  let socket: WebSocket;
  let retryMs = 250;

  const connect = () => {
    socket = new WebSocket(url);
    socket.addEventListener('open', () => {
      retryMs = 250;
      for (const message of queue.splice(0)) socket.send(message);
      for (const listener of listeners) listener('bridge.connected', {});
    });
    socket.addEventListener('message', (event) => {
      const parsed = ServerMessage.safeParse(JSON.parse(String(event.data)));
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.type === 'reply') {
        pending.get(message.id)?.resolve(message.reply as Reply<unknown>);
        pending.delete(message.id);
      } else {
        for (const listener of listeners) listener(message.name, message.payload);
      }
    });
    socket.addEventListener('close', () => {
      for (const [id, request] of pending) {
        request.resolve({
          ok: false,
          error: { code: 'disconnected', message: 'Lost the connection to Switchboard’s core. Try again.' },
        });
        pending.delete(id);
      }
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    });
  };
  connect();

  return {
    invoke(name, input) {
      const id = nextId++;
      const message = JSON.stringify({ type: 'invoke', id, name, input });
      return new Promise((resolve) => {
        pending.set(id, { resolve });
        if (socket.readyState === WebSocket.OPEN) socket.send(message);
        else queue.push(message);
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

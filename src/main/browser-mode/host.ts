import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { ClientMessage, wirePath, type ServerMessage } from '../../shared/api/wire';
import type { Core } from '../core/types';
import { createStaticHandler } from './static-files';

export interface BrowserHostOptions {
  core: Core;
  /** The built renderer (vite.browser.config.ts writes dist-web). */
  staticDir: string;
  port?: number;
  /** Loopback only by default: this host has no login of its own. */
  hostname?: string;
}

export interface BrowserHost {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the UI and the API table over one WebSocket, for development and for the
 * end-to-end tests in Chromium. It is the Electron shell's IPC bridge in another
 * transport: every message goes through core.dispatch, which parses it.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { core } = options;
  const server: Server = createServer(createStaticHandler(options.staticDir));
  const wss = new WebSocketServer({
    server,
    path: wirePath,
    maxPayload: 1024 * 1024,
    // A page on another origin must not drive the agent's phone through this socket.
    verifyClient: ({ origin, req }: { origin: string; req: IncomingMessage }) => {
      if (!origin) return false;
      try {
        return new URL(origin).host === req.headers.host;
      } catch {
        return false;
      }
    },
  });

  const sockets = new Set<WebSocket>();
  const send = (socket: WebSocket, message: ServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const unsubscribe = core.events.subscribe((name, payload) => {
    for (const socket of sockets) send(socket, { type: 'event', name, payload });
  });

  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('message', async (data) => {
      let message: ClientMessage;
      try {
        message = ClientMessage.parse(JSON.parse(String(data)));
      } catch {
        // Not our protocol: there is no id to answer, so close rather than guess.
        socket.close(1003, 'Malformed message');
        return;
      }
      const reply = await core.dispatch(message.name, message.input);
      send(socket, { type: 'reply', id: message.id, reply });
    });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.hostname ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.hostname ?? '127.0.0.1'}:${port}`,
    close: async () => {
      unsubscribe();
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

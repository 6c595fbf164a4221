import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { ClientMessage, wirePath, type ServerMessage } from '../../shared/api/wire';
import { voiceHostWirePath } from '../../shared/voice/host-protocol';
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

/** A call's recording on the app's own origin (calls/recordings.ts): 404 when there is none to play. */
async function serveRecording(core: Core, callId: string, res: ServerResponse): Promise<void> {
  try {
    const media = await core.recording?.(callId);
    if (!media) return void res.writeHead(404).end();
    res
      .writeHead(200, {
        'content-type': media.contentType,
        'content-length': String(media.body.length),
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      })
      .end(media.body);
  } catch {
    res.writeHead(502).end();
  }
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
  const signalingHost = options.core.voiceSignalingHost;
  const serveStatic = createStaticHandler(
    options.staticDir,
    signalingHost ? { voiceConnectSources: [`wss://${signalingHost}`] } : {},
  );
  const server: Server = createServer((req, res) => {
    const recording = /^\/recordings\/([^/]+)$/.exec(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (recording && req.method === 'GET') return void serveRecording(core, decodeURIComponent(recording[1]!), res);
    return void serveStatic(req, res);
  });
  // A page on another origin must not drive the agent's phone through these sockets.
  const verifyClient = ({ origin, req }: { origin: string; req: IncomingMessage }) => {
    if (!origin) return false;
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  };
  // Two sockets on one server: the UI's API table, and the voice host page's link.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024, verifyClient });
  const voiceWss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024, verifyClient });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const target = path === wirePath ? wss : path === voiceHostWirePath && core.voiceHost ? voiceWss : null;
    if (!target) {
      socket.destroy();
      return;
    }
    target.handleUpgrade(req, socket, head, (ws) => target.emit('connection', ws, req));
  });
  voiceWss.on('connection', (socket) => {
    const link = core.voiceHost;
    if (!link) return socket.close(1011, 'No voice line');
    const attached = link.attach({
      send: (text) => {
        if (socket.readyState === socket.OPEN) socket.send(text);
      },
      close: (reason) => socket.close(1000, reason.slice(0, 100)),
    });
    socket.on('message', (data) => attached.receive(String(data)));
    socket.on('close', () => attached.detach());
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
      for (const socket of voiceWss.clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => voiceWss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { ClientMessage, wirePath, type ServerMessage } from '../../shared/api/wire';
import { voiceHostWirePath } from '../../shared/voice/host-protocol';
import type { Core } from '../core/types';
import { recordingCallIdOf } from '../core/calls/recordings';
import { isLoopbackHost, isOwnPageUpgrade } from './loopback-guard';
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
  let port = 0;
  const server: Server = createServer((req, res) => {
    // A rebound name (evil.example → 127.0.0.1) is another site, not this host.
    if (!isLoopbackHost(req.headers.host, port)) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('This host answers to loopback names only.');
      return;
    }
    const recordingId = recordingCallIdOf(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (recordingId && req.method === 'GET') return void serveRecording(core, recordingId, res);
    serveStatic(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  // Any web page can make the browser send this host garbage: a bad request or a
  // connection reset is that client's problem, never the process's.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  // Two sockets on one server: the UI's API table, and the voice host page's link.
  // An oversized frame is closed with 1009 and a malformed one with 1002 by ws itself; the
  // 'error' listeners below only keep those from reaching the process as an uncaught error.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const voiceWss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 });
  wss.on('error', () => {});
  voiceWss.on('error', () => {});
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    // A page on another origin (or a rebound name) must not drive the agent's phone.
    if (!isOwnPageUpgrade(req, port)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const target = path === wirePath ? wss : path === voiceHostWirePath && core.voiceHost ? voiceWss : null;
    if (!target) {
      socket.destroy();
      return;
    }
    target.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', () => {});
      target.emit('connection', ws, req);
    });
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
    socket.on('message', (data) => {
      try {
        attached.receive(String(data));
      } catch {
        socket.close(1011, 'Voice host message failed');
      }
    });
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
      try {
        const reply = await core.dispatch(message.name, message.input);
        send(socket, { type: 'reply', id: message.id, reply });
      } catch {
        // dispatch turns every handler failure into a reply; this is a bug, not the client's.
        send(socket, {
          type: 'reply',
          id: message.id,
          reply: { ok: false, error: { code: 'internal', message: 'Something went wrong on this desktop.' } },
        });
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.hostname ?? '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.hostname ?? '127.0.0.1'}:${port}`,
    close: async () => {
      unsubscribe();
      for (const socket of sockets) socket.terminate();
      for (const socket of voiceWss.clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => voiceWss.close(() => resolve()));
      // close() ends only idle connections and waits for the rest, and a socket the
      // browser opened ahead of need (no request on it yet) is not idle: the process
      // waited up to Node's 5 min request timeout to exit. The host is quitting: cut them all.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { twilioConnectSources } from '../../shared/voice/host-protocol';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

/**
 * The same policy the Electron shell puts on the app's pages. `connect-src 'self'`
 * covers the same-origin WebSocket in CSP Level 3 browsers (Chromium).
 */
export const browserModeCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "media-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The voice host page's policy: the app's, plus exactly Twilio's signaling and Insights
 * hosts (and, in tests, the fake Twilio's signaling host).
 */
export function voiceHostCsp(extraConnectSources: string[] = []): string {
  const sources = ["'self'", ...twilioConnectSources(), ...extraConnectSources].join(' ');
  return browserModeCsp.replace("connect-src 'self'", `connect-src ${sources}`);
}

/** Serves the built renderer. Unknown paths get index.html (the app routes itself). */
export function createStaticHandler(rootDir: string, options: { voiceConnectSources?: string[] } = {}) {
  const root = path.resolve(rootDir);
  const voicePolicy = voiceHostCsp(options.voiceConnectSources);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      // `/%E0%A4%A` and the like: not a path any page of ours asks for.
      res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad path.');
      return;
    }
    let file = path.resolve(root, '.' + pathname);
    // Never serve anything outside the build folder, whatever the path says.
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
    } catch {
      file = path.join(root, 'index.html');
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
        'content-security-policy': path.basename(file) === 'voice-host.html' ? voicePolicy : browserModeCsp,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found. Run `npm run build:web` first.');
    }
  };
}

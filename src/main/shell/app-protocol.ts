import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { originOf } from './app-pages';
import { recordingCallIdOf } from '../core/calls/recordings';

/**
 * Serves the built renderer (out/renderer) on app://switchboard/. Plain Node and the
 * WHATWG Request/Response types, so it is tested without Electron; the shell hands it
 * to `session.protocol.handle`.
 */

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.map': 'application/json',
};

export interface AppFileHandlerOptions {
  /** Absolute path of the built renderer folder. */
  rootDir: string;
  /** The app's origin (app://switchboard); requests for any other host are refused. */
  origin: string;
  /** The Content-Security-Policy header of a response, by its URL (the voice host's differs). */
  csp: string | ((url: string) => string);
  /** A call's recording for /recordings/:id (the core's, through the CRM server); absent: 404. */
  recording?: (callId: string) => Promise<{ contentType: string; body: Uint8Array } | null>;
}

function refuse(status: number): Response {
  return new Response(null, { status });
}

export function createAppFileHandler(options: AppFileHandlerOptions): (request: Request) => Promise<Response> {
  const root = path.resolve(options.rootDir);
  return async (request) => {
    if (originOf(request.url) !== options.origin) return refuse(404);
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url).pathname);
    } catch {
      return refuse(400);
    }
    const recordingId = recordingCallIdOf(pathname);
    if (recordingId) {
      const media = request.method === 'GET' ? await options.recording?.(recordingId).catch(() => null) : null;
      if (!media) return refuse(404);
      return new Response(new Uint8Array(media.body), {
        status: 200,
        headers: {
          'content-type': media.contentType,
          'cache-control': 'private, no-store',
          'x-content-type-options': 'nosniff',
        },
      });
    }
    if (pathname === '/' || pathname === '') pathname = '/index.html';
    // Resolve inside the root and refuse anything that climbs out of it (%2e%2e, ..\).
    const file = path.resolve(root, `.${pathname}`);
    if (!file.startsWith(root + path.sep) || pathname.includes('\0')) return refuse(404);
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return refuse(404);
    }
    const headers = {
      'content-type': contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-security-policy': typeof options.csp === 'string' ? options.csp : options.csp(request.url),
      'x-content-type-options': 'nosniff',
    };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

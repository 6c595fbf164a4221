import { insecureServerUrlMessage, isSafeServerUrl } from '../../../shared/sync/server-url';

/**
 * How the sync engine reaches the CRM server: one JSON request, one JSON reply. The real
 * one is fetch; tests pass one over Fastify's inject, or wrap either to drop, repeat or
 * reorder replies. The engine only ever sees a status and a parsed body, or a
 * TransportError when no reply came at all.
 */
/** PUT and DELETE only for what a supervisor changes on the server (company views, company settings). */
export type TransportMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface TransportRequest {
  serverUrl: string;
  method: TransportMethod;
  /** Path with query, e.g. `/sync/push`. */
  path: string;
  body?: unknown;
  /** The access token, when the route needs one. */
  token?: string | null;
}

export interface TransportReply {
  status: number;
  body: unknown;
}

export interface SyncTransport {
  request(request: TransportRequest): Promise<TransportReply>;
  /**
   * Set on the plain fetch transport only: a worker thread can make an identical one of
   * its own (pull-worker.ts). A test's transport (in-process server, dropped replies) is
   * not reproducible in another thread, so its pulls stay on the main thread.
   */
  readonly reproducibleInWorker?: { timeoutMs: number };
}

/** No reply: the server is unreachable, the connection dropped, or the request timed out. */
export class TransportError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransportError';
  }
}

export interface HttpTransportOptions {
  fetch?: typeof fetch;
  /** Abandon a request after this long (a dead server must not hang a sync forever). */
  timeoutMs?: number;
}

export function createHttpTransport(options: HttpTransportOptions = {}): SyncTransport {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 60_000;
  return {
    ...(options.fetch ? {} : { reproducibleInWorker: { timeoutMs } }),
    async request(request) {
      // Sign-in checks the address; this also covers a session saved by an older version.
      if (!isSafeServerUrl(request.serverUrl)) throw new TransportError(insecureServerUrlMessage);
      // Relative to the server URL, so a server behind a path prefix (https://host/crm/) works.
      const base = request.serverUrl.endsWith('/') ? request.serverUrl : `${request.serverUrl}/`;
      const url = new URL(request.path.replace(/^\//, ''), base);
      let response: Response;
      let text: string;
      try {
        response = await doFetch(url, {
          method: request.method,
          headers: {
            ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...(request.token ? { authorization: `Bearer ${request.token}` } : {}),
          },
          ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
          signal: AbortSignal.timeout(timeoutMs),
        });
        text = await response.text();
      } catch (error) {
        throw new TransportError(`The server at ${request.serverUrl} cannot be reached.`, { cause: error });
      }
      let body: unknown = null;
      if (text !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          body = { code: 'bad_reply', message: text.slice(0, 200) };
        }
      }
      return { status: response.status, body };
    },
  };
}

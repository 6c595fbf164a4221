import type { IncomingMessage } from 'node:http';

/**
 * DNS rebinding: a page on evil.example can point that name at 127.0.0.1 and then talk
 * to this host as "its own origin" (the Origin and the Host headers agree). The names a
 * browser uses for this host on purpose are the loopback ones, so the Host header is
 * pinned to them with this host's port; anything else is another site.
 */
const loopbackNames: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True when `hostHeader` names this host: a loopback name and exactly our port. */
export function isLoopbackHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  let url: URL;
  try {
    url = new URL(`http://${hostHeader}`);
  } catch {
    return false;
  }
  // Only a bare host[:port], nothing a URL parser would read as credentials or a path.
  if (url.host !== hostHeader.toLowerCase() && `${url.host}:80` !== hostHeader.toLowerCase()) return false;
  const hostPort = url.port === '' ? 80 : Number(url.port);
  return loopbackNames.has(url.hostname) && hostPort === port;
}

/** A WebSocket upgrade from this host's own page: loopback Host, and an Origin naming that same host. */
export function isOwnPageUpgrade(req: IncomingMessage, port: number): boolean {
  const hostHeader = req.headers.host;
  if (!isLoopbackHost(hostHeader, port)) return false;
  const origin = req.headers.origin;
  if (!origin) return false;
  try {
    const originUrl = new URL(origin);
    return originUrl.protocol === 'http:' && originUrl.host === new URL(`http://${hostHeader}`).host;
  } catch {
    return false;
  }
}

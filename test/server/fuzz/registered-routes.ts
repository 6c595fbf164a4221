import type { FastifyInstance } from 'fastify';

/**
 * Every route registered on a built app, as `METHOD /path` with Fastify's own `:param`
 * names. Fastify has no list of its routes once they are registered (onRoute hooks only
 * see routes added after them, and buildServer adds its own at once), so this reads
 * the tree `printRoutes({ commonPrefix: false })` prints: each line is a node at a depth
 * of four characters per level, its full segment, and its methods in brackets. HEAD is
 * left out: Fastify adds it to every GET by itself.
 */
export function registeredRoutes(app: FastifyInstance): string[] {
  const found: string[] = [];
  const prefixes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const node = /^((?:[│ ] {3}|[├└]── )*)(\S+)(?: \(([^)]*)\))?\s*$/u.exec(line);
    if (!node) continue;
    const depth = [...(node[1] ?? '')].length / 4 - 1;
    const path = (prefixes[depth - 1] ?? '') + node[2];
    prefixes[depth] = path;
    prefixes.length = depth + 1;
    for (const method of (node[3] ?? '').split(',').map((m) => m.trim())) {
      if (method && method !== 'HEAD') found.push(`${method} ${path}`);
    }
  }
  return found;
}

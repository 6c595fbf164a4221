import type { FastifyInstance } from 'fastify';
import { HttpError } from './errors';

/**
 * Control characters are refused at every boundary of the server, by one check that
 * every route passes through (a preHandler hook on the whole app) rather than by code in
 * each schema: sign-in fields, query strings, path ids, JSON bodies and webhook forms
 * alike. A NUL used to reach Postgres, which refuses it in text, and came back as a 500
 * with the failed query (note text, emails) in the log.
 *
 * Refused: C0 controls except tab, line feed and carriage return (which notes contain),
 * DEL, and the C1 controls. Keys are checked as well as values.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export interface ControlCharacterFound {
  /** Where in the input, like `mutations.0.args.body` or `q`. */
  path: string;
  codePoint: string;
}

/** The first string (or key) holding a control character, depth first; null when clean. */
export function findControlCharacter(value: unknown, path = ''): ControlCharacterFound | null {
  if (typeof value === 'string') {
    const match = CONTROL.exec(value);
    return match ? { path, codePoint: codePointOf(match[0]) } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findControlCharacter(value[i], join(path, String(i)));
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const inKey = findControlCharacter(key, join(path, '(key)'));
      if (inKey) return inKey;
      const found = findControlCharacter(child, join(path, key));
      if (found) return found;
    }
  }
  return null;
}

export function describeControlCharacter(found: ControlCharacterFound, where: string): string {
  const at = found.path ? ` at ${found.path}` : '';
  return `The ${where} contains a control character (${found.codePoint})${at}. Remove it and send again.`;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
const codePointOf = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * `mutations-args`: the body's `mutations[].args` are checked one mutation at a time by
     * the push (a rejection of that mutation), so one pasted control character cannot
     * block a desktop's whole outbox with a 400.
     */
    controlCharactersCheckedBy?: 'mutations-args';
  }
}

export function registerControlCharacterGuard(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    for (const [where, value] of [
      ['address', request.params],
      ['query', request.query],
    ] as const) {
      const found = findControlCharacter(value);
      if (found) throw new HttpError(400, 'control_character', describeControlCharacter(found, where));
    }
    const body =
      request.routeOptions.config.controlCharactersCheckedBy === 'mutations-args'
        ? withoutMutationArgs(request.body)
        : request.body;
    const found = findControlCharacter(body);
    if (found) throw new HttpError(400, 'control_character', describeControlCharacter(found, 'request body'));
  });
}

function withoutMutationArgs(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || !('mutations' in body) || !Array.isArray(body.mutations)) {
    return body;
  }
  return {
    ...body,
    mutations: body.mutations.map((mutation: unknown) =>
      mutation !== null && typeof mutation === 'object' ? { ...mutation, args: null } : mutation,
    ),
  };
}

import { z } from 'zod';

/**
 * Browser mode's WebSocket messages. The socket carries exactly what Electron's IPC
 * carries (invoke → reply, and events), so the UI cannot tell the hosts apart and the
 * core's dispatch stays the only door.
 */
export const ClientMessage = z.object({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  name: z.string().max(100),
  input: z.unknown(),
});
export type ClientMessage = z.infer<typeof ClientMessage>;

export const ServerMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('reply'),
    id: z.number().int().nonnegative(),
    reply: z.union([
      z.object({ ok: z.literal(true), value: z.unknown() }),
      z.object({
        ok: z.literal(false),
        error: z.object({
          code: z.string(),
          message: z.string(),
          issues: z
            .array(z.object({ path: z.string(), message: z.string() }))
            .readonly()
            .optional(),
        }),
      }),
    ]),
  }),
  z.object({ type: z.literal('event'), name: z.string(), payload: z.unknown() }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/** The path the browser-mode host serves the API on. */
export const wirePath = '/agent';

import { z } from 'zod';
import type { TransportReply } from './transport';

/**
 * Why a sync round stopped, sorted by what the engine does next:
 *   offline    no reply at all, or the server (or a proxy) says it is unavailable: retry
 *              with back-off, show "offline".
 *   transient  the server replied but could not finish (a 5xx, a push stopped by a
 *              transient failure): retry with back-off, show the error.
 *   fatal      retrying the same request cannot help (a 4xx, an unreadable reply):
 *              show the error; retry only on the slow interval or "sync now".
 */
export type FailureKind = 'offline' | 'transient' | 'fatal';

const ErrorBody = z.object({ code: z.string(), message: z.string() });

export class SyncFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: FailureKind = 'fatal',
  ) {
    super(message);
    this.name = 'SyncFailure';
  }

  static fromReply(reply: TransportReply, fallback: string): SyncFailure {
    const body = ErrorBody.safeParse(reply.body);
    const kind: FailureKind =
      reply.status === 502 || reply.status === 503 || reply.status === 504
        ? 'offline'
        : reply.status >= 500 || reply.status === 429
          ? 'transient'
          : 'fatal';
    const message = body.success ? body.data.message : fallback;
    return new SyncFailure(body.success ? body.data.code : `http_${reply.status}`, message, kind);
  }
}

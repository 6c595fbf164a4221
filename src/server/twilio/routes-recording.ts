import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Id } from '../../shared/domain/primitives';
import { visibleCalls } from '../calls/visibility';
import { authenticate, principalOf, type ServerContext } from '../context';
import { calls, twilioRecordings } from '../db/schema';
import { HttpError, notFound } from '../http/errors';
import { parseInput } from '../http/validate';
import { DEFAULT_REST_BASE } from './options';
import { loadTwilioAccount } from './settings';

const Params = z.object({ id: Id }).strict();

/**
 * GET /calls/:id/recording: the call's recording, streamed through the server. The
 * desktop only ever sees this URL; Twilio's media URL and the credentials to fetch it
 * stay here. Scoped like every call read (company, and an agent's own calls), and only
 * ever sent to Twilio's own host, so a stored URL can never carry our credentials
 * elsewhere. Range requests pass through, so a player can seek.
 */
export function registerRecordingRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/calls/:id/recording', { preHandler: authenticate(ctx) }, async (request, reply) => {
    const { id } = parseInput(Params, request.params, 'path');
    const principal = principalOf(request);
    const [call] = await ctx.db
      .select({ id: calls.id })
      .from(calls)
      .where(and(visibleCalls(principal), eq(calls.id, id)));
    if (!call) throw notFound('The call');
    const [recording] = await ctx.db
      .select()
      .from(twilioRecordings)
      .where(and(eq(twilioRecordings.companyId, principal.companyId), eq(twilioRecordings.callId, id)));
    if (!recording) throw notFound('A recording of this call');
    const account = await loadTwilioAccount(ctx.db, ctx.twilio.secrets, principal.companyId);
    if (!account)
      throw new HttpError(
        409,
        'twilio_not_connected',
        'Twilio is no longer connected, so the recording cannot be fetched.',
      );
    const base = new URL(ctx.twilio.restBaseUrl ?? DEFAULT_REST_BASE);
    const media = new URL(`${recording.mediaUrl.replace(/\.(mp3|wav)$/, '')}.mp3`);
    if (media.origin !== base.origin) {
      throw new HttpError(
        502,
        'recording_unavailable',
        'The recording is stored somewhere this server does not fetch from.',
      );
    }
    const range = request.headers.range;
    const fetcher = ctx.twilio.fetch ?? fetch;
    const upstream = await fetcher(media, {
      headers: {
        authorization: `Basic ${Buffer.from(`${account.apiKeySid}:${account.apiSecret}`).toString('base64')}`,
        ...(range ? { range } : {}),
      },
    }).catch(() => null);
    if (!upstream || (upstream.status !== 200 && upstream.status !== 206) || !upstream.body) {
      request.log.warn({ callId: id, status: upstream?.status }, 'recording fetch failed');
      throw new HttpError(
        502,
        'recording_unavailable',
        'Twilio did not hand over the recording. Try again in a minute.',
      );
    }
    reply.code(upstream.status).header('content-type', upstream.headers.get('content-type') ?? 'audio/mpeg');
    for (const name of ['content-length', 'content-range', 'accept-ranges']) {
      const value = upstream.headers.get(name);
      if (value) reply.header(name, value);
    }
    reply.header('cache-control', 'private, no-store');
    if (recording.durationSeconds !== null) reply.header('x-recording-duration', String(recording.durationSeconds));
    return reply.send(Readable.fromWeb(upstream.body as WebReadableStream<Uint8Array>));
  });
}

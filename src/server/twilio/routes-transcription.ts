import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Id } from '../../shared/domain/primitives';
import type { ServerContext } from '../context';
import { setTelephonyFields } from './call-records';
import { companyForCallback } from './companies';
import { verifyWebhook } from './webhook';

/**
 * Twilio's transcription callback (`transcribeCallback`, with the call's record id in the
 * URL): signature-checked like every webhook, it stores the text on the call, whose new
 * version carries it to the desktops on their next pull. A failed transcription stores
 * nothing: the call then shows "No transcript".
 */

const TranscriptionCallback = z.object({
  AccountSid: z.string(),
  CallSid: z.string().regex(/^CA[0-9a-fA-F]{32}$/, 'A CallSid starts with CA'),
  TranscriptionSid: z.string().max(64).optional(),
  TranscriptionStatus: z.string().max(32).default('completed'),
  TranscriptionText: z.string().max(100_000).default(''),
  callId: Id,
});

export function registerTranscriptionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/twilio/voice/transcription', async (request, reply) => {
    const { accounts, fields } = await verifyWebhook(ctx, request, TranscriptionCallback);
    const account = await companyForCallback(ctx.db, accounts, { callId: fields.callId, callSid: fields.CallSid });
    const text = fields.TranscriptionText.trim();
    if (!account || fields.TranscriptionStatus !== 'completed' || text === '') return reply.code(204).send();
    const now = ctx.now();
    await ctx.db.transaction((tx) =>
      setTelephonyFields(
        tx,
        account.companyId,
        fields.callId,
        { transcript: { text, provider: 'twilio', at: now.toISOString() } },
        now,
      ),
    );
    return reply.code(204).send();
  });
}

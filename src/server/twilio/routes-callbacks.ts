import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Id } from '../../shared/domain/primitives';
import { userIdHexFromVoiceIdentity } from '../../shared/voice/protocol';
import type { ServerContext } from '../context';
import type { Tx } from '../db/database';
import { twilioRecordings, users } from '../db/schema';
import { findLeg, recordLeg, setTelephonyFields, settleCall } from './call-records';
import { companyForCallback } from './companies';
import { instantOf, TwilioCallStatus } from './legs';
import { publicUrlFor } from './options';
import { verifyWebhook } from './webhook';

/** Twilio's reports on calls under way: status callbacks of every leg, and finished recordings. */

const CallSid = z.string().regex(/^CA[0-9a-fA-F]{32}$/, 'A CallSid starts with CA');

const StatusCallback = z.object({
  AccountSid: z.string(),
  CallSid,
  ParentCallSid: CallSid.optional(),
  CallStatus: TwilioCallStatus,
  SequenceNumber: z.coerce.number().int().nonnegative().optional(),
  Timestamp: z.string().optional(),
  CallDuration: z.coerce.number().int().nonnegative().optional(),
  To: z.string().max(256).default(''),
  callId: Id.optional(),
});

const RecordingCallback = z.object({
  AccountSid: z.string(),
  CallSid,
  RecordingSid: z.string().regex(/^RE[0-9a-fA-F]{32}$/, 'A RecordingSid starts with RE'),
  RecordingUrl: z.url(),
  RecordingStatus: z.string().default('completed'),
  RecordingDuration: z.coerce.number().int().nonnegative().optional(),
  callId: Id,
  kind: z.enum(['call', 'voicemail']).default('call'),
});

/** The user behind a <Client> leg's `To` (client:agent_…), in this company. */
async function agentOfLeg(tx: Tx, companyId: string, to: string): Promise<string | null> {
  const hex = userIdHexFromVoiceIdentity(to);
  if (!hex) return null;
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.companyId, companyId), sql`regexp_replace(${users.id}, '[^A-Za-z0-9]', '', 'g') = ${hex}`))
    .limit(2);
  return rows.length === 1 ? rows[0]!.id : null;
}

export function registerCallbackRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/twilio/voice/status', async (request, reply) => {
    const { accounts, fields } = await verifyWebhook(ctx, request, StatusCallback);
    const account = await companyForCallback(ctx.db, accounts, {
      callId: fields.callId,
      callSid: fields.CallSid,
      parentCallSid: fields.ParentCallSid,
    });
    // A leg of a call we never saw (another app on the same Twilio account): nothing to do.
    if (!account) return reply.code(204).send();
    const now = ctx.now();
    await ctx.db.transaction(async (tx) => {
      const { companyId } = account;
      const known = await findLeg(tx, companyId, fields.CallSid);
      const parent = fields.ParentCallSid ? await findLeg(tx, companyId, fields.ParentCallSid) : null;
      const callId = known?.callId ?? fields.callId ?? parent?.callId;
      if (!callId) return;
      // A leg we did not create is a child the <Dial> made: the customer's number (outbound)
      // or an agent's client (inbound).
      const role = known?.role ?? (fields.To.startsWith('client:') ? 'agent' : 'customer');
      const userId = known?.userId ?? (role === 'agent' ? await agentOfLeg(tx, companyId, fields.To) : null);
      const event = {
        status: fields.CallStatus,
        sequence: fields.SequenceNumber ?? null,
        at: instantOf(fields.Timestamp),
        durationSeconds: fields.CallDuration ?? null,
      };
      await recordLeg(
        tx,
        companyId,
        { callSid: fields.CallSid, parentCallSid: fields.ParentCallSid ?? null, callId, role, userId },
        event,
        now,
      );
      await settleCall(tx, companyId, callId, now);
    });
    return reply.code(204).send();
  });

  app.post('/twilio/voice/recording', async (request, reply) => {
    const { accounts, fields } = await verifyWebhook(ctx, request, RecordingCallback);
    const account = await companyForCallback(ctx.db, accounts, { callId: fields.callId, callSid: fields.CallSid });
    if (!account || fields.RecordingStatus !== 'completed') return reply.code(204).send();
    const now = ctx.now();
    const { companyId } = account;
    await ctx.db.transaction(async (tx) => {
      const values = {
        companyId,
        callId: fields.callId,
        recordingSid: fields.RecordingSid,
        mediaUrl: fields.RecordingUrl,
        durationSeconds: fields.RecordingDuration ?? null,
        kind: fields.kind,
        updatedAt: now,
      };
      await tx
        .insert(twilioRecordings)
        .values(values)
        .onConflictDoUpdate({ target: [twilioRecordings.companyId, twilioRecordings.callId], set: values });
      // The record links to our authenticated proxy, never to Twilio's media URL.
      const link = publicUrlFor(ctx.twilio, `/calls/${encodeURIComponent(fields.callId)}/recording`)!;
      await setTelephonyFields(tx, companyId, fields.callId, { recordingUrl: link }, now);
    });
    return reply.code(204).send();
  });
}

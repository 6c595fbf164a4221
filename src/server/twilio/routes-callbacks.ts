import { and, eq, ne, or, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Id } from '../../shared/domain/primitives';
import { userIdHexFromVoiceIdentity } from '../../shared/voice/protocol';
import type { ServerContext } from '../context';
import type { Tx } from '../db/database';
import { twilioRecordings, users } from '../db/schema';
import { findLeg, recordLeg, setTelephonyFields, settleCall } from './call-records';
import { companyForCallback } from './companies';
import { transferTargetGaveUp } from './conference-events';
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
  /** `transfer`: a leg the server dialed to pass the call on (control.ts puts it in the URL). */
  leg: z.literal('transfer').optional(),
});

const RecordingCallback = z
  .object({
    AccountSid: z.string(),
    // A Conference's recording names the Conference, not a call.
    CallSid: CallSid.optional(),
    ConferenceSid: z
      .string()
      .regex(/^CF[0-9a-fA-F]{32}$/, 'A ConferenceSid starts with CF')
      .optional(),
    RecordingSid: z.string().regex(/^RE[0-9a-fA-F]{32}$/, 'A RecordingSid starts with RE'),
    RecordingUrl: z.url(),
    RecordingStatus: z.string().default('completed'),
    RecordingDuration: z.coerce.number().int().nonnegative().optional(),
    callId: Id,
    kind: z.enum(['call', 'conference', 'voicemail']).default('call'),
  })
  .refine((fields) => fields.CallSid ?? fields.ConferenceSid, 'A recording names its call or its Conference.');

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
    const settled = await ctx.db.transaction(async (tx) => {
      const { companyId } = account;
      const known = await findLeg(tx, companyId, fields.CallSid);
      const parent = fields.ParentCallSid ? await findLeg(tx, companyId, fields.ParentCallSid) : null;
      const callId = known?.callId ?? fields.callId ?? parent?.callId;
      if (!callId) return null;
      // A leg we did not create is a child the <Dial> made: the customer's number (outbound)
      // or an agent's client (inbound).
      const role = known?.role ?? fields.leg ?? (fields.To.startsWith('client:') ? 'agent' : 'customer');
      const client = fields.To.split('?')[0]!;
      const userId = known?.userId ?? (role === 'customer' ? null : await agentOfLeg(tx, companyId, client));
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
      return { callId, role };
    });
    // A cold transfer's target that never answered: the customer must not stay on hold alone.
    const unanswered = ['busy', 'no-answer', 'failed', 'canceled'].includes(fields.CallStatus);
    if (settled?.role === 'transfer' && unanswered) {
      await transferTargetGaveUp(ctx, account, settled.callId, fields.CallSid);
    }
    return reply.code(204).send();
  });

  app.post('/twilio/voice/recording', async (request, reply) => {
    const { accounts, fields } = await verifyWebhook(ctx, request, RecordingCallback);
    const account = await companyForCallback(ctx.db, accounts, {
      callId: fields.callId,
      callSid: fields.CallSid ?? '',
    });
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
        .onConflictDoUpdate({
          target: [twilioRecordings.companyId, twilioRecordings.callId],
          set: values,
          // The Conference's recording has the call from its first hold or transfer to its
          // end (the colleague who took over included); the <Dial>'s, arriving before or
          // after it, only the minutes before: it never replaces the Conference's.
          setWhere: or(ne(twilioRecordings.kind, 'conference'), sql`excluded.kind = 'conference'`),
        });
      // The record links to our authenticated proxy, never to Twilio's media URL.
      const link = publicUrlFor(ctx.twilio, `/calls/${encodeURIComponent(fields.callId)}/recording`)!;
      await setTelephonyFields(tx, companyId, fields.callId, { recordingUrl: link }, now);
    });
    return reply.code(204).send();
  });
}

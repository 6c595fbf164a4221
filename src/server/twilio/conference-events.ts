import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import { Id } from '../../shared/domain/primitives';
import type { ServerContext } from '../context';
import { calls } from '../db/schema';
import { companyForCallback } from './companies';
import { opsFor, redirectCall, setHold, type Ops } from './conference-ops';
import { loadConference, saveConference, type ConferenceRow } from './conference-state';
import { handOver, ringTarget } from './control';
import { holdMusicWav } from './hold-music';
import { publicUrlFor } from './options';
import { voicemail } from './routes-voice-requests';
import type { TwilioAccount } from './settings';
import { holdMusicTwiml } from './twiml-conference';
import { sendTwiml, verifyWebhook } from './webhook';

/**
 * What Twilio tells us about a call's Conference (signed, like every webhook), and the
 * hold music it fetches. A participant's join is when the ConferenceSid becomes known,
 * so it is also when a hold or transfer asked for during the move is carried out.
 */

export const ConferenceEvent = z.object({
  AccountSid: z.string(),
  ConferenceSid: z.string().regex(/^CF[0-9a-fA-F]{32}$/, 'A ConferenceSid starts with CF'),
  StatusCallbackEvent: z.string().max(64),
  CallSid: z
    .string()
    .regex(/^CA[0-9a-fA-F]{32}$/)
    .optional(),
  callId: Id,
});

export const HoldMusicRequest = z.object({ AccountSid: z.string() });

export const HOLD_MUSIC_PATH = '/twilio/hold-music.wav';

async function customerNumberOf(ctx: ServerContext, row: ConferenceRow): Promise<string | null> {
  const [call] = await ctx.db
    .select({ direction: calls.direction, fromNumber: calls.fromNumber, toNumber: calls.toNumber })
    .from(calls)
    .where(and(eq(calls.companyId, row.companyId), eq(calls.id, row.callId)));
  if (!call) return null;
  return call.direction === 'Inbound' ? call.fromNumber : call.toNumber;
}

/**
 * Carries out what the row asks for, now that `callSid` is in the Conference. A
 * callback delivered twice finds the target already rung (its CallSid is recorded), so
 * nobody is called twice; a hold applied twice is the same hold.
 */
export async function applyOnJoin(ops: Ops, start: ConferenceRow, callSid: string): Promise<void> {
  let row = start;
  const transfer = row.transfer;
  if (callSid === row.customerCallSid) {
    if (row.onHold) await setHold(ops, row, row.customerCallSid, true);
    if (transfer && transfer.state !== 'cancelled' && !transfer.targetCallSid) {
      row = await ringTarget(ops, row, await customerNumberOf(ops.ctx, row));
      // A cold transfer's agent leaves; from a plain bridge their leg already ended.
      if (transfer.mode === 'cold' && transfer.fromCallSid) {
        await handOver(ops, row, transfer.fromCallSid).catch(() => undefined);
      }
    }
    return;
  }
  if (transfer?.mode === 'cold' && transfer.targetCallSid) {
    // The agent got in after the target was rung: they hand over now.
    if (callSid === transfer.fromCallSid) await handOver(ops, row, callSid);
    // The target answered a cold transfer: the customer is theirs, off hold.
    if (callSid === transfer.targetCallSid && row.onHold) {
      await setHold(ops, row, row.customerCallSid, false);
      await ops.ctx.db.transaction((tx) => saveConference(tx, { ...row, onHold: false }, ops.ctx.now()));
    }
  }
}

/**
 * A transfer target's leg ended without answering. After a cold transfer nobody else is
 * with the customer, who would wait on hold for ever: they are given the voicemail
 * greeting and can leave a message instead. (A warm one still has its agent, who cancels.)
 */
export async function transferTargetGaveUp(
  ctx: ServerContext,
  account: TwilioAccount,
  callId: string,
  callSid: string,
) {
  const row = await loadConference(ctx.db, account.companyId, callId);
  const transfer = row?.transfer;
  if (!row || transfer?.mode !== 'cold' || transfer.targetCallSid !== callSid) return;
  await redirectCall(opsFor(ctx, account), row.customerCallSid, voicemail(ctx, account, callId));
  await ctx.db.transaction((tx) => saveConference(tx, { ...row, onHold: false }, ctx.now()));
}

export function registerConferenceRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/twilio/voice/conference', async (request, reply) => {
    const { accounts, fields } = await verifyWebhook(ctx, request, ConferenceEvent);
    const account = await companyForCallback(ctx.db, accounts, {
      callId: fields.callId,
      callSid: fields.CallSid ?? '',
    });
    if (!account) return reply.code(204).send();
    const row = await loadConference(ctx.db, account.companyId, fields.callId);
    if (!row) return reply.code(204).send();
    let current = row;
    if (!row.conferenceSid) {
      current = { ...row, conferenceSid: fields.ConferenceSid };
      await ctx.db.transaction((tx) => saveConference(tx, current, ctx.now()));
    }
    if (fields.StatusCallbackEvent === 'participant-join' && fields.CallSid) {
      await applyOnJoin(opsFor(ctx, account), current, fields.CallSid);
    }
    return reply.code(204).send();
  });

  // The HoldUrl: Twilio asks what to play to a held participant.
  app.post('/twilio/voice/hold-music', async (request, reply) => {
    await verifyWebhook(ctx, request, HoldMusicRequest);
    return sendTwiml(reply, holdMusicTwiml(publicUrlFor(ctx.twilio, HOLD_MUSIC_PATH)!));
  });

  // The music itself: public, like any audio Twilio fetches; it is our own generated tune.
  app.get(HOLD_MUSIC_PATH, async (_request, reply) =>
    reply.type('audio/wav').header('cache-control', 'public, max-age=86400').send(holdMusicWav()),
  );
}

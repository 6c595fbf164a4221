import { and, desc, eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { ok } from '../../shared/result';
import { carrierReason, movesForward, smsStatusOf, type SmsStatus } from '../../shared/sms/message';
import type { MutationArgs } from '../../shared/sync/mutations';
import type { ServerContext } from '../context';
import type { Tx } from '../db/database';
import { twilioSettings } from '../db/schema';
import { smsMessages } from '../db/schema-sms';
import type { Mutator } from '../sync/mutators/types';
import { takeVersion } from '../sync/versions';
import { doNotContactReason, matchCaller } from '../twilio/directory-match';
import { publicUrlFor } from '../twilio/options';
import { twilioRestFor } from '../twilio/rest-client';
import { loadTwilioAccount } from '../twilio/settings';
import { relatedColumnsOf } from './records';
import { optOutOf } from './settings';

/**
 * Sending a text happens in two steps, so a retried push can never text twice:
 *
 * 1. The desktop's `sms.send` mutation stores the message (its id is the idempotency
 *    key: one row per id), in the push's transaction, `dispatch = 'pending'`. A number
 *    that opted out, is do-not-contact or blocked is refused here: the message is kept,
 *    `failed`, with the reason in words, and never reaches Twilio.
 * 2. After the push has committed, `dispatchPendingSms` claims each pending message
 *    with one conditional UPDATE (pending → sending: only one claimant wins, whatever
 *    number of pushes or servers race) and only then asks Twilio to send it. A server
 *    that dies between the claim and Twilio's answer leaves the message `sending`: at
 *    most once, never twice. A failed request is not retried blindly either, as Twilio
 *    may have taken it; the agent sees it failed and can send again.
 */

export const sendSmsMutation: Mutator<MutationArgs<'sms.send'>> = async (mc, args) => {
  const { companyId, userId } = mc.principal;
  const [existing] = await mc.tx
    .select({ id: smsMessages.id })
    .from(smsMessages)
    .where(and(eq(smsMessages.companyId, companyId), eq(smsMessages.id, args.id)));
  // The same message pushed again (a new sync client replaying its outbox): already stored, nothing to do.
  if (existing) return ok(undefined);
  const refusal = await refusalFor(mc.tx, companyId, args.to);
  const match = args.related ? null : await matchCaller(mc.tx, companyId, args.to);
  const related = args.related ?? (match ? { type: match.type, id: match.id, name: match.name } : null);
  const at = new Date(args.at);
  await mc.tx.insert(smsMessages).values({
    companyId,
    id: args.id,
    direction: 'outbound',
    status: refusal ? 'failed' : 'queued',
    customerNumber: args.to,
    companyNumber: null,
    body: args.body,
    ...relatedColumnsOf(related),
    authorId: userId,
    messageSid: null,
    errorCode: refusal?.code ?? null,
    errorReason: refusal?.reason ?? null,
    dispatch: refusal ? 'done' : 'pending',
    createdAt: at,
    updatedAt: at,
    version: await mc.version(),
  });
  return ok(undefined);
};

/** Why this number may not be texted by the company, or null. */
export async function refusalFor(
  tx: Tx,
  companyId: string,
  to: string,
): Promise<{ code: string; reason: string } | null> {
  const keyword = await optOutOf(tx, companyId, to);
  if (keyword) {
    return { code: 'opted_out', reason: `Not sent: the customer replied ${keyword} and opted out of texts.` };
  }
  const dnc = await doNotContactReason(tx, companyId, to);
  if (dnc) return { code: 'do_not_contact', reason: `Not sent: ${dnc}` };
  const [settings] = await tx
    .select({ blocked: twilioSettings.blockedNumbers })
    .from(twilioSettings)
    .where(eq(twilioSettings.companyId, companyId));
  if (!settings) {
    return {
      code: 'sms_not_set_up',
      reason: 'Not sent: texting is not set up (the company has no Twilio connection).',
    };
  }
  if (settings.blocked.includes(to)) return { code: 'blocked', reason: 'Not sent: the company blocks this number.' };
  return null;
}

/** Hands the company's pending messages to Twilio, each exactly once (see above). */
export async function dispatchPendingSms(ctx: ServerContext, companyId: string, log: FastifyBaseLogger): Promise<void> {
  const pending = await ctx.db
    .select({ id: smsMessages.id })
    .from(smsMessages)
    .where(and(eq(smsMessages.companyId, companyId), eq(smsMessages.dispatch, 'pending')))
    .limit(100);
  if (pending.length === 0) return;
  const account = await loadTwilioAccount(ctx.db, ctx.twilio.secrets, companyId);
  if (!account) return;
  const rest = twilioRestFor(account, ctx.twilio);
  for (const { id } of pending) {
    const [claimed] = await ctx.db
      .update(smsMessages)
      .set({ dispatch: 'sending' })
      .where(and(eq(smsMessages.companyId, companyId), eq(smsMessages.id, id), eq(smsMessages.dispatch, 'pending')))
      .returning();
    if (!claimed) continue;
    const from = (await replyNumber(ctx, companyId, claimed.customerNumber, account.numbers)) ?? account.callerId;
    const statusCallback = publicUrlFor(ctx.twilio, `/twilio/sms/status?messageId=${encodeURIComponent(id)}`);
    try {
      const sent = await rest.messages.create({
        to: claimed.customerNumber,
        from,
        body: claimed.body,
        ...(statusCallback ? { statusCallback } : {}),
      });
      await recordProgress(ctx, companyId, id, {
        status: smsStatusOf(sent.status) ?? 'queued',
        messageSid: sent.sid,
        companyNumber: from,
      });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const errorCode = typeof code === 'number' || typeof code === 'string' ? String(code) : 'twilio_unreachable';
      log.warn({ err: error, messageId: id }, 'Twilio did not take a text message');
      await recordProgress(ctx, companyId, id, {
        status: 'failed',
        companyNumber: from,
        errorCode,
        errorReason:
          errorCode === 'twilio_unreachable'
            ? 'Twilio did not answer, so it may not have been sent. Send it again if it does not arrive.'
            : carrierReason(errorCode),
      });
    }
  }
}

/** The company number the customer last texted, so a reply comes from the number they know. */
async function replyNumber(
  ctx: ServerContext,
  companyId: string,
  customer: string,
  numbers: string[],
): Promise<string | null> {
  const [last] = await ctx.db
    .select({ number: smsMessages.companyNumber })
    .from(smsMessages)
    .where(
      and(
        eq(smsMessages.companyId, companyId),
        eq(smsMessages.customerNumber, customer),
        eq(smsMessages.direction, 'inbound'),
      ),
    )
    .orderBy(desc(smsMessages.createdAt))
    .limit(1);
  return last?.number && numbers.includes(last.number) ? last.number : null;
}

export interface SmsProgress {
  status: SmsStatus;
  messageSid?: string;
  companyNumber?: string;
  errorCode?: string | null;
  errorReason?: string | null;
}

/**
 * Writes what Twilio said about a message, status only forward (a late `sent` never
 * undoes `delivered`); the sid and number fill in whenever they first arrive. Returns
 * false when the message is not the company's.
 */
export async function recordProgress(
  ctx: ServerContext,
  companyId: string,
  id: string,
  progress: SmsProgress,
): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(smsMessages)
      .where(and(eq(smsMessages.companyId, companyId), eq(smsMessages.id, id)))
      .for('update');
    if (!row) return false;
    const forward = movesForward(row.status, progress.status);
    const set = {
      dispatch: 'done' as const,
      ...(forward ? { status: progress.status } : {}),
      ...(forward && progress.errorCode !== undefined ? { errorCode: progress.errorCode } : {}),
      ...(forward && progress.errorReason !== undefined ? { errorReason: progress.errorReason } : {}),
      ...(row.messageSid === null && progress.messageSid ? { messageSid: progress.messageSid } : {}),
      ...(row.companyNumber === null && progress.companyNumber ? { companyNumber: progress.companyNumber } : {}),
    };
    const changed = Object.keys(set).length > 1 || row.dispatch !== 'done';
    if (!changed) return true;
    await tx
      .update(smsMessages)
      .set({ ...set, updatedAt: ctx.now(), version: await takeVersion(tx, companyId) })
      .where(and(eq(smsMessages.companyId, companyId), eq(smsMessages.id, id)));
    return true;
  });
}

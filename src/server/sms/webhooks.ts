import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import twilio from 'twilio';
import { z } from 'zod';
import { Id } from '../../shared/domain/primitives';
import { carrierReason, SMS_MAX_LENGTH, smsStatusOf } from '../../shared/sms/message';
import { keywordOf } from '../../shared/sms/keywords';
import type { ServerContext } from '../context';
import { smsMessages } from '../db/schema-sms';
import { takeVersion } from '../sync/versions';
import { companyForNumber } from '../twilio/companies';
import { matchCaller } from '../twilio/directory-match';
import { sendTwiml, verifyWebhook } from '../twilio/webhook';
import { relatedColumnsOf } from './records';
import { recordProgress } from './send';
import { helpAnswer, optIn, optOut } from './settings';

/**
 * Twilio's messaging webhooks, signed and checked exactly like the voice ones
 * (twilio/webhook.ts): a customer's text to one of our numbers, and the status
 * callbacks of the texts we sent.
 */

const MessageSid = z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/, 'A MessageSid starts with SM or MM');
const PhoneE164 = z.string().regex(/^\+[1-9]\d{1,14}$/, 'A number in E.164');

const Incoming = z.object({
  AccountSid: z.string(),
  MessageSid,
  From: PhoneE164,
  To: PhoneE164,
  Body: z.string().max(SMS_MAX_LENGTH).default(''),
});

const StatusCallback = z.object({
  AccountSid: z.string(),
  MessageSid,
  MessageStatus: z.string().max(32),
  ErrorCode: z.string().max(16).optional(),
  messageId: Id,
});

function messageTwiml(text: string | null): string {
  const response = new twilio.twiml.MessagingResponse();
  if (text) response.message(text);
  return response.toString();
}

export function registerSmsWebhooks(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/twilio/sms/incoming', async (request, reply) => {
    const { accounts, fields } = await verifyWebhook(ctx, request, Incoming);
    const account = companyForNumber(accounts, fields.To);
    // A text to a number no company here owns (another app on the account): no answer.
    if (!account) return sendTwiml(reply, messageTwiml(null));
    const { companyId } = account;
    const now = ctx.now();
    const keyword = keywordOf(fields.Body);
    const answer = await ctx.db.transaction(async (tx) => {
      const match = await matchCaller(tx, companyId, fields.From);
      // Twilio retries a webhook it got no answer to: the MessageSid keeps it one message.
      await tx
        .insert(smsMessages)
        .values({
          companyId,
          id: `sms-${fields.MessageSid}`,
          direction: 'inbound',
          status: 'received',
          customerNumber: fields.From,
          companyNumber: fields.To,
          body: fields.Body,
          ...relatedColumnsOf(match ? { type: match.type, id: match.id, name: match.name } : null),
          authorId: null,
          messageSid: fields.MessageSid,
          errorCode: null,
          errorReason: null,
          dispatch: 'done',
          createdAt: now,
          updatedAt: now,
          version: await takeVersion(tx, companyId),
        })
        .onConflictDoNothing();
      // Company-wide and at once: the opt-out is checked by every send after this commit.
      if (keyword === 'opt-out') {
        await optOut(tx, companyId, fields.From, fields.Body.trim().toUpperCase(), now);
        return 'You have been unsubscribed and will get no more texts from us. Reply START to subscribe again.';
      }
      if (keyword === 'opt-in') {
        await optIn(tx, companyId, fields.From);
        return 'You are subscribed again. Reply STOP to unsubscribe, HELP for help.';
      }
      if (keyword === 'help') return helpAnswer(tx, companyId);
      return null;
    });
    return sendTwiml(reply, messageTwiml(answer));
  });

  app.post('/twilio/sms/status', async (request, reply) => {
    const { accounts, fields } = await verifyWebhook(ctx, request, StatusCallback);
    const [row] = await ctx.db
      .select({ companyId: smsMessages.companyId })
      .from(smsMessages)
      .where(
        and(
          inArray(
            smsMessages.companyId,
            accounts.map((account) => account.companyId),
          ),
          eq(smsMessages.id, fields.messageId),
        ),
      )
      .limit(1);
    const status = smsStatusOf(fields.MessageStatus);
    if (!row || !status) return reply.code(204).send();
    await recordProgress(ctx, row.companyId, fields.messageId, {
      status,
      messageSid: fields.MessageSid,
      ...(fields.ErrorCode && (status === 'failed' || status === 'undelivered')
        ? { errorCode: fields.ErrorCode, errorReason: carrierReason(fields.ErrorCode) }
        : {}),
    });
    return reply.code(204).send();
  });
}

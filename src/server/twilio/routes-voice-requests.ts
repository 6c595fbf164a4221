import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { BLOCKED_CALL_REASON } from '../../shared/domain/blocked-numbers';
import { newId } from '../../shared/domain/ids';
import { normalizePhone } from '../../shared/domain/phone';
import { Id } from '../../shared/domain/primitives';
import type { ServerContext } from '../context';
import type { Tx } from '../db/database';
import { ensureCall, findLeg, lockCall, markNotDialed, recordLeg, settleCall, UNASSIGNED_OWNER } from './call-records';
import { isBlockedCaller } from './blocked-numbers';
import { companyForAgent, companyForNumber } from './companies';
import { joinTwimlFor } from './conference-ops';
import { loadConference } from './conference-state';
import { blockedDialRefusal } from './blocked-numbers';
import { doNotContactReason, linksOf, matchCaller, type CallerMatch } from './directory-match';
import { instantOf, TwilioCallStatus, type LegEvent } from './legs';
import { publicUrlFor } from './options';
import { DEFAULT_PRESENCE_TIMEOUT_SECONDS, ringableAgents } from './presence';
import type { TwilioAccount } from './settings';
import { hangupTwiml, outgoingDialTwiml, refusalTwiml, rejectTwiml, ringAgentsTwiml, voicemailTwiml } from './twiml';
import { sendTwiml, verifyWebhook } from './webhook';

/** Twilio's voice requests: the TwiML App's (an agent dials out) and the numbers' (a customer calls in). */

const VoiceRequest = z.object({
  AccountSid: z.string(),
  CallSid: z.string().regex(/^CA[0-9a-fA-F]{32}$/, 'A CallSid starts with CA'),
  From: z.string().max(256).default(''),
  To: z.string().max(256).default(''),
  CallStatus: TwilioCallStatus.default('ringing'),
  Timestamp: z.string().optional(),
});

const OutgoingRequest = VoiceRequest.extend({
  ApplicationSid: z.string().optional(),
  /** The desktop's record id (outgoingParams.crmCallId). */
  CrmCallId: Id.optional(),
  /** `after-dial`: the <Dial>'s action URL (the call may have moved into a Conference). */
  step: z.enum(['dial', 'after-dial']).default('dial'),
  callId: Id.optional(),
});

const IncomingRequest = VoiceRequest.extend({
  Called: z.string().max(64).optional(),
  step: z.enum(['ring', 'after-dial', 'done']).default('ring'),
  callId: Id.optional(),
  DialCallStatus: z.string().optional(),
});

/** Twilio's stand-ins for a caller that withheld or has no number: never matched to anyone. */
const ANONYMOUS = new Set(['+266696687', '+86282452253', '+8656696', '+7378742833', '+2562533']);

/** A voice request says where its leg is, like a status callback without a sequence number. */
function requestEvent(fields: z.output<typeof VoiceRequest>): LegEvent {
  return { status: fields.CallStatus, sequence: null, at: instantOf(fields.Timestamp), durationSeconds: null };
}

export function callerNumber(from: string): string | null {
  if (ANONYMOUS.has(from) || !from.startsWith('+')) return null;
  const parsed = normalizePhone(from, 'US');
  return parsed && parsed.e164 === from ? parsed.e164 : null;
}

function callbackUrls(ctx: ServerContext, callId: string, agent?: string) {
  const query = `?callId=${encodeURIComponent(callId)}${agent ? `&agent=${encodeURIComponent(agent)}` : ''}`;
  return {
    status: publicUrlFor(ctx.twilio, `/twilio/voice/status${query}`)!,
    recording: publicUrlFor(ctx.twilio, `/twilio/voice/recording?callId=${encodeURIComponent(callId)}&kind=call`)!,
  };
}

export function registerVoiceRequestRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/twilio/voice/outgoing', async (request, reply) => {
    const { accounts, fields } = await verifyWebhook(ctx, request, OutgoingRequest);
    const agent = await companyForAgent(ctx.db, accounts, fields.From, fields.ApplicationSid);
    if (!agent) return sendTwiml(reply, refusalTwiml('This phone line is not set up for your account.'));
    const { account, userId } = agent;
    if (fields.step === 'after-dial')
      return sendTwiml(reply, await afterDialTwiml(ctx, account, fields.callId, 'agent'));
    const now = ctx.now();
    // The number is checked again here: the desktop's checks can be bypassed, these cannot.
    const to = normalizePhone(fields.To, 'US');
    const refusal =
      !to || to.e164 !== fields.To
        ? 'The number to call is not a full international number.'
        : ((await blockedDialRefusal(ctx.db, account, to.e164)) ??
          (await doNotContactReason(ctx.db, account.companyId, to.e164)));
    const callId = await ctx.db.transaction(async (tx) => {
      // The desktop's record id makes the two records one; a foreign or unknown id gets a record of our own.
      const given = fields.CrmCallId ? await lockCall(tx, account.companyId, fields.CrmCallId) : null;
      const id = !fields.CrmCallId || (given && given.ownerId !== userId) ? newId() : fields.CrmCallId;
      const e164 = to?.e164 ?? null;
      await ensureCall(
        tx,
        account.companyId,
        {
          id,
          direction: 'Outbound',
          subject: `Call to ${e164 ?? 'an invalid number'}`,
          ownerId: userId,
          fromNumber: account.callerId,
          toNumber: e164,
          providerCallId: fields.CallSid,
          participants: [{ kind: 'user', id: userId, role: 'organizer', name: '' }],
          related: null,
        },
        now,
      );
      await recordLeg(
        tx,
        account.companyId,
        { callSid: fields.CallSid, parentCallSid: null, callId: id, role: 'agent', userId },
        requestEvent(fields),
        now,
      );
      // A refused number is never dialed: the record says so instead of staying Planned.
      if (refusal) await markNotDialed(tx, account.companyId, id, `Not dialed: ${refusal}`, now);
      return id;
    });
    if (refusal) return sendTwiml(reply, refusalTwiml(refusal));
    return sendTwiml(
      reply,
      outgoingDialTwiml({
        to: to!.e164,
        callerId: account.callerId,
        record: account.recordCalls,
        urls: callbackUrls(ctx, callId),
        afterDialUrl: publicUrlFor(
          ctx.twilio,
          `/twilio/voice/outgoing?step=after-dial&callId=${encodeURIComponent(callId)}`,
        )!,
      }),
    );
  });

  app.post('/twilio/voice/incoming', async (request, reply) => {
    const { accounts, fields } = await verifyWebhook(ctx, request, IncomingRequest);
    const account = companyForNumber(accounts, fields.Called ?? fields.To);
    if (!account) return sendTwiml(reply, refusalTwiml('This number is not in service.'));
    if (fields.step === 'done') return sendTwiml(reply, hangupTwiml());
    if (fields.step === 'after-dial') {
      const conference = await afterDialTwiml(ctx, account, fields.callId, 'customer');
      if (conference !== hangupTwiml()) {
        await noteDialResult(ctx, account.companyId, fields.CallSid, 'answered');
        return sendTwiml(reply, conference);
      }
      const answered = fields.DialCallStatus === 'completed' || fields.DialCallStatus === 'answered';
      await noteDialResult(ctx, account.companyId, fields.CallSid, answered ? 'answered' : 'unanswered');
      if (answered) return sendTwiml(reply, hangupTwiml());
      return sendTwiml(reply, voicemail(ctx, account, fields.callId ?? ''));
    }
    const now = ctx.now();
    const number = callerNumber(fields.From);
    const match = number ? await matchCaller(ctx.db, account.companyId, number) : null;
    // A blocked caller is turned away before anyone rings, and the call is logged as such.
    if (await isBlockedCaller(ctx.db, account.companyId, number)) {
      await logBlockedCall(ctx, account, fields, number!, match);
      return sendTwiml(reply, rejectTwiml());
    }
    const agents = await ringableAgents(
      ctx.db,
      account.companyId,
      now,
      ctx.twilio.presenceTimeoutSeconds ?? DEFAULT_PRESENCE_TIMEOUT_SECONDS,
    );
    const callId = await ctx.db.transaction(async (tx) => {
      const id = await recordCustomerCall(tx, account, fields, {
        subject: `Call from ${match?.name || number || 'an unknown caller'}`,
        number,
        match,
        // The rung agents take part, so each sees the call (answered or missed) in their log.
        agents: agents.map((agent) => agent.userId),
        now,
      });
      await settleCall(tx, account.companyId, id, now);
      return id;
    });
    if (agents.length === 0) return sendTwiml(reply, voicemail(ctx, account, callId));
    return sendTwiml(
      reply,
      ringAgentsTwiml({
        identities: agents.map((agent) => agent.identity),
        ringSeconds: account.ringSeconds,
        afterDialUrl: publicUrlFor(
          ctx.twilio,
          `/twilio/voice/incoming?step=after-dial&callId=${encodeURIComponent(callId)}`,
        )!,
        record: account.recordCalls,
        urls: callbackUrls(ctx, callId),
        parameters: {
          parentCallSid: fields.CallSid,
          crmCallId: callId,
          callerNumber: number ?? undefined,
          matchType: match?.type,
          matchId: match?.id,
          matchName: match?.name,
        },
      }),
    );
  });
}

/** The <Dial>'s verdict on the caller's leg: with it, "nobody answered" is certain (legs.ts). */
async function noteDialResult(ctx: ServerContext, companyId: string, callSid: string, dial: 'answered' | 'unanswered') {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const leg = await findLeg(tx, companyId, callSid);
    if (!leg) return;
    await recordLeg(tx, companyId, { ...leg, parentCallSid: leg.parentCallSid }, null, now, { dial });
    await settleCall(tx, companyId, leg.callId, now);
  });
}

/**
 * The <Dial> ended: was it because the call is moving into its Conference (control.ts)?
 * Then this leg joins it, unless it is the agent's and a cold transfer lets them go.
 */
async function afterDialTwiml(
  ctx: ServerContext,
  account: TwilioAccount,
  callId: string | undefined,
  label: 'customer' | 'agent',
): Promise<string> {
  const row = callId ? await loadConference(ctx.db, account.companyId, callId) : null;
  if (!row || (label === 'agent' && row.transfer?.mode === 'cold')) return hangupTwiml();
  return joinTwimlFor(ctx, account, row, label);
}

/** The greeting and a recorded message; also where a cold transfer nobody answered leaves the customer. */
export function voicemail(ctx: ServerContext, account: TwilioAccount, callId: string): string {
  const query = `callId=${encodeURIComponent(callId)}`;
  return voicemailTwiml({
    greeting: account.voicemailGreeting,
    recordingUrl: publicUrlFor(ctx.twilio, `/twilio/voice/recording?${query}&kind=voicemail`)!,
    doneUrl: publicUrlFor(ctx.twilio, `/twilio/voice/incoming?step=done&${query}`)!,
    // Only when the company asked (Twilio bills it); the callback files the text on this call.
    ...(account.transcribeRecordings
      ? { transcriptionUrl: publicUrlFor(ctx.twilio, `/twilio/voice/transcription?${query}`)! }
      : {}),
  });
}

/** A blocked caller's call: recorded Not Held "Blocked" (once, whatever Twilio retries), never rung. */
async function logBlockedCall(
  ctx: ServerContext,
  account: TwilioAccount,
  fields: z.output<typeof IncomingRequest>,
  number: string,
  match: CallerMatch | null,
): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const subject = `Blocked call from ${match?.name || number}`;
    const id = await recordCustomerCall(tx, account, fields, { subject, number, match, agents: [], now });
    await markNotDialed(tx, account.companyId, id, BLOCKED_CALL_REASON, now);
  });
}

/**
 * The customer's call as Twilio's voice request announces it: its record (made once:
 * Twilio retries a request it got no answer to, and the same CallSid is the same call)
 * and its leg. Returns the record's id.
 */
async function recordCustomerCall(
  tx: Tx,
  account: TwilioAccount,
  fields: z.output<typeof IncomingRequest>,
  call: { subject: string; number: string | null; match: CallerMatch | null; agents: string[]; now: Date },
): Promise<string> {
  const existing = await findLeg(tx, account.companyId, fields.CallSid);
  const id = existing?.callId ?? newId();
  const links = linksOf(call.match);
  const agents = call.agents.map((userId) => ({
    kind: 'user' as const,
    id: userId,
    role: 'attendee' as const,
    name: '',
  }));
  await ensureCall(
    tx,
    account.companyId,
    {
      id,
      direction: 'Inbound',
      subject: call.subject,
      ownerId: UNASSIGNED_OWNER,
      fromNumber: call.number,
      toNumber: account.numbers.includes(fields.To) ? fields.To : (fields.Called ?? null),
      providerCallId: fields.CallSid,
      participants: [...agents, ...links.participants],
      related: links.related,
    },
    call.now,
  );
  await recordLeg(
    tx,
    account.companyId,
    { callSid: fields.CallSid, parentCallSid: null, callId: id, role: 'customer', userId: null },
    requestEvent(fields),
    call.now,
    { rung: call.agents.length },
  );
  return id;
}

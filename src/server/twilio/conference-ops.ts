import { clientParams, voiceIdentityForUser, type TransferTarget } from '../../shared/voice/protocol';
import type { ServerContext } from '../context';
import { HttpError } from '../http/errors';
import type { ConferenceRow } from './conference-state';
import { publicUrlFor } from './options';
import { twilioRestFor, type TwilioRest } from './rest-client';
import type { TwilioAccount } from './settings';
import { hangupTwiml } from './twiml';
import { joinConferenceTwiml } from './twiml-conference';

/**
 * The REST requests hold and transfer are made of, one function per request, so the
 * orchestration (control.ts, conference-events.ts) reads as the sequence it sends.
 * A refusal from Twilio becomes a 502 in words; nothing is retried behind the agent's back.
 */

const LEG_EVENTS = ['initiated', 'ringing', 'answered', 'completed'];

export interface Ops {
  rest: TwilioRest;
  account: TwilioAccount;
  ctx: ServerContext;
}

export function opsFor(ctx: ServerContext, account: TwilioAccount): Ops {
  return { rest: twilioRestFor(account, ctx.twilio), account, ctx };
}

async function twilioCall<T>(what: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new HttpError(502, 'twilio_refused', `Twilio did not ${what}: ${detail}`);
  }
}

export const conferenceCallbackUrl = (ctx: ServerContext, callId: string) =>
  publicUrlFor(ctx.twilio, `/twilio/voice/conference?callId=${encodeURIComponent(callId)}`)!;

/** The conference TwiML for a leg, as the REST update and the action URL both serve it. */
export function joinTwimlFor(
  ctx: ServerContext,
  account: Pick<TwilioAccount, 'recordCalls'>,
  row: Pick<ConferenceRow, 'callId' | 'name'>,
  label: 'customer' | 'agent',
) {
  const recording = `/twilio/voice/recording?callId=${encodeURIComponent(row.callId)}&kind=conference`;
  return joinConferenceTwiml({
    name: row.name,
    label,
    statusCallback: conferenceCallbackUrl(ctx, row.callId),
    recordingStatusCallback: account.recordCalls ? publicUrlFor(ctx.twilio, recording)! : null,
  });
}

/**
 * Gives a live call new TwiML. Used on the <Dial>'s child leg to move it into the
 * Conference, or (a cold transfer from a plain bridge, where the agent has nothing more
 * to do) off the line; the parent leg follows through its <Dial> action URL. Also sends
 * a customer whose cold transfer nobody answered to voicemail.
 */
export function redirectCall(ops: Ops, callSid: string, twiml: string) {
  return twilioCall('redirect the call', () => ops.rest.calls(callSid).update({ twiml }));
}

export const leaveTwiml = hangupTwiml;

export function setHold(ops: Ops, row: ConferenceRow, callSid: string, hold: boolean) {
  const holdUrl = publicUrlFor(ops.ctx.twilio, '/twilio/voice/hold-music')!;
  return twilioCall(hold ? 'put the customer on hold' : 'take the customer off hold', () =>
    ops.rest
      .conferences(row.conferenceSid!)
      .participants(callSid)
      .update(hold ? { hold: true, holdUrl, holdMethod: 'POST' } : { hold: false }),
  );
}

/** Whether the conference ends when this participant leaves (off for an agent about to hand over). */
export function setEndOnExit(ops: Ops, row: ConferenceRow, callSid: string, end: boolean) {
  return twilioCall('hand the call over', () =>
    ops.rest.conferences(row.conferenceSid!).participants(callSid).update({ endConferenceOnExit: end }),
  );
}

export async function removeParticipant(ops: Ops, row: ConferenceRow, callSid: string) {
  await twilioCall('take the participant out of the call', () =>
    ops.rest.conferences(row.conferenceSid!).participants(callSid).remove(),
  );
}

/**
 * Rings the transfer's target into the Conference. A colleague's Device gets the same
 * parameters as when the customer first called (Twilio passes a client URI's query to
 * the SDK as custom parameters), so their screen pop shows the customer and their
 * desktop names the call by the customer's leg like the first agent's did.
 */
export async function dialTarget(
  ops: Ops,
  row: ConferenceRow,
  input: { target: TransferTarget; mode: 'cold' | 'warm'; customerNumber: string | null },
): Promise<string> {
  const { target } = input;
  let to: string;
  if (target.type === 'agent') {
    const query = new URLSearchParams({
      [clientParams.parentCallSid]: row.customerCallSid,
      [clientParams.crmCallId]: row.callId,
      ...(input.customerNumber ? { [clientParams.callerNumber]: input.customerNumber } : {}),
    });
    to = `client:${voiceIdentityForUser(target.userId)}?${query.toString()}`;
  } else {
    to = target.number;
  }
  const statusCallback = publicUrlFor(
    ops.ctx.twilio,
    `/twilio/voice/status?callId=${encodeURIComponent(row.callId)}&leg=transfer`,
  )!;
  const participant = await twilioCall('call the transfer target', () =>
    ops.rest.conferences(row.conferenceSid!).participants.create({
      from: target.type === 'agent' && input.customerNumber ? input.customerNumber : ops.account.callerId,
      to,
      label: 'transfer',
      beep: 'false',
      // A cold transfer's target is the one the customer stays with; a consulted target
      // becomes so only when the transfer completes.
      endConferenceOnExit: input.mode === 'cold',
      timeout: ops.account.ringSeconds,
      statusCallback,
      statusCallbackEvent: LEG_EVENTS,
      statusCallbackMethod: 'POST',
    }),
  );
  return participant.callSid;
}

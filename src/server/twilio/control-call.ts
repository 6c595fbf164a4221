import { and, eq } from 'drizzle-orm';
import type { Principal } from '../auth/tokens';
import type { ServerContext } from '../context';
import type { Db } from '../db/database';
import { calls, twilioLegs } from '../db/schema';
import { HttpError, notFound } from '../http/errors';
import { isTerminal, LegStateSchema } from './legs';
import { loadConference, type ConferenceRow } from './conference-state';
import { loadTwilioAccount, type TwilioAccount } from './settings';

/**
 * Which call a desktop's hold or transfer request is about, and whether this agent may
 * touch it. The desktop names the call by the CallSid it knows: the customer's leg on a
 * call it was rung for (the ParentCallSid parameter), its own leg on a call it dialed.
 * Either leads to the CRM call; from there the customer's leg and the agent's are found
 * among the legs the callbacks recorded.
 *
 * Company scoping: every lookup is in the principal's company, so another company's
 * CallSid is simply not found (404). Within the company, only the agent the call is
 * with now may hold or transfer it (403).
 */

export interface ControlledCall {
  account: TwilioAccount;
  callId: string;
  direction: 'Inbound' | 'Outbound';
  /** The customer's number (for the caller ID a colleague sees when the call is passed on). */
  customerNumber: string | null;
  customerCallSid: string;
  agentCallSid: string;
  /** Which of the two is the <Dial>'s child leg: the one a REST update can redirect. */
  child: 'customer' | 'agent';
  conference: ConferenceRow | null;
}

const notConnected = () =>
  new HttpError(409, 'call_not_connected', 'The call is not connected, so it cannot be held or transferred.');
const notYours = () => new HttpError(403, 'forbidden', 'Only the agent on the call can hold or transfer it.');

async function legsOfCall(db: Db, companyId: string, callId: string) {
  const rows = await db
    .select()
    .from(twilioLegs)
    .where(and(eq(twilioLegs.companyId, companyId), eq(twilioLegs.callId, callId)));
  return rows.map((row) => ({ ...row, state: LegStateSchema.parse(row.state) }));
}

export async function controlledCall(
  ctx: ServerContext,
  principal: Principal,
  callSid: string,
): Promise<ControlledCall> {
  const { companyId, userId } = principal;
  const account = await loadTwilioAccount(ctx.db, ctx.twilio.secrets, companyId);
  if (!account) {
    throw new HttpError(409, 'twilio_not_connected', 'Your company has not connected Twilio, so calls cannot be held.');
  }
  const [leg] = await ctx.db
    .select({ callId: twilioLegs.callId })
    .from(twilioLegs)
    .where(and(eq(twilioLegs.companyId, companyId), eq(twilioLegs.callSid, callSid)));
  if (!leg) throw notFound('A call with that CallSid');
  const [call] = await ctx.db
    .select({ direction: calls.direction, fromNumber: calls.fromNumber, toNumber: calls.toNumber })
    .from(calls)
    .where(and(eq(calls.companyId, companyId), eq(calls.id, leg.callId)));
  if (!call) throw notFound('A call with that CallSid');
  const base = {
    account,
    callId: leg.callId,
    direction: call.direction,
    customerNumber: call.direction === 'Inbound' ? call.fromNumber : call.toNumber,
  };
  const conference = await loadConference(ctx.db, companyId, leg.callId);
  if (conference) {
    if (conference.agentUserId !== userId) throw notYours();
    return {
      ...base,
      customerCallSid: conference.customerCallSid,
      agentCallSid: conference.agentCallSid,
      child: call.direction === 'Inbound' ? 'agent' : 'customer',
      conference,
    };
  }
  // Still a plain <Dial> bridge: the agent's live leg and the customer's live leg.
  const legs = (await legsOfCall(ctx.db, companyId, leg.callId)).filter((l) => !isTerminal(l.state.status));
  const agent =
    legs.find((l) => l.role === 'agent' && l.userId === userId && l.state.answeredAt !== null) ??
    legs.find((l) => l.role === 'agent' && l.userId === userId && l.parentCallSid === null);
  if (!agent) {
    const anyAgent = legs.some((l) => l.role === 'agent');
    throw anyAgent ? notYours() : notConnected();
  }
  const customer =
    call.direction === 'Inbound'
      ? legs.find((l) => l.role === 'customer' && l.parentCallSid === null)
      : legs.find((l) => l.role === 'customer' && l.parentCallSid === agent.callSid && l.state.answeredAt !== null);
  if (!customer) throw notConnected();
  return {
    ...base,
    customerCallSid: customer.callSid,
    agentCallSid: agent.callSid,
    child: customer.parentCallSid ? 'customer' : 'agent',
    conference: null,
  };
}

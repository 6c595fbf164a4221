import { and, eq } from 'drizzle-orm';
import type { CallControlResponse, TransferRequest, TransferTarget } from '../../shared/voice/protocol';
import type { Principal } from '../auth/tokens';
import type { ServerContext } from '../context';
import { twilioConferences } from '../db/schema';
import { HttpError } from '../http/errors';
import { recordLeg } from './call-records';
import {
  dialTarget,
  joinTwimlFor,
  leaveTwiml,
  opsFor,
  redirectCall,
  removeParticipant,
  setEndOnExit,
  setHold,
  type Ops,
} from './conference-ops';
import {
  conferenceNameFor,
  controlResponseOf,
  insertConference,
  saveConference,
  type ConferenceRow,
  type TransferRecord,
} from './conference-state';
import { controlledCall, type ControlledCall } from './control-call';
import { blockedDialRefusal } from './blocked-numbers';
import { doNotContactReason } from './directory-match';
import { noteTransfer, transferableUser } from './transfer-records';

/**
 * Hold and transfer, as the desktop asks for them (routes-control.ts). The design:
 *
 * - A call rings and is answered as a plain <Dial> bridge, exactly as without this
 *   feature; nothing is paid for a Conference on calls that never need one.
 * - The first hold or transfer moves the call into a Conference named after the CRM
 *   call (conference-ops.ts `redirectCall`, then the parent's <Dial> action URL). Its
 *   ConferenceSid is only known once Twilio reports a join, so what was asked for in
 *   between is kept in twilio_conferences and carried out on the customer's join
 *   (conference-events.ts `applyOnJoin`).
 * - Hold is the customer participant's `Hold` with our HoldUrl (hold music).
 * - Cold transfer: the customer is held while the target rings (EndConferenceOnExit on
 *   the target, off on the agent), the agent leaves at once; the customer is taken off
 *   hold when the target joins. From a plain bridge the agent's leg simply ends.
 * - Warm transfer: the customer is held, the target is added and talks with the agent;
 *   complete = the target takes over ending the call on exit, the agent leaves, the
 *   customer is resumed; cancel = the target is removed and the customer resumed.
 */

const busy = () => new HttpError(409, 'transfer_in_progress', 'A transfer is under way: complete or cancel it first.');
const noTransfer = () =>
  new HttpError(409, 'no_transfer', 'There is no transfer waiting to be completed or cancelled.');

function newRow(call: ControlledCall, principal: Principal, set: Partial<ConferenceRow>): ConferenceRow {
  return {
    companyId: principal.companyId,
    callId: call.callId,
    name: conferenceNameFor(call.callId),
    conferenceSid: null,
    customerCallSid: call.customerCallSid,
    agentCallSid: call.agentCallSid,
    agentUserId: principal.userId,
    onHold: false,
    transfer: null,
    ...set,
  };
}

/** Starts the move into the Conference; the row is written first, so the action URL finds it. */
async function moveIntoConference(ops: Ops, call: ControlledCall, row: ConferenceRow): Promise<void> {
  const { ctx } = ops;
  await ctx.db.transaction((tx) => insertConference(tx, row, ctx.now()));
  const agentStays = row.transfer?.mode !== 'cold';
  const twiml =
    call.child === 'customer'
      ? joinTwimlFor(ctx, ops.account, row, 'customer')
      : agentStays
        ? joinTwimlFor(ctx, ops.account, row, 'agent')
        : leaveTwiml();
  try {
    await redirectCall(ops, call.child === 'customer' ? call.customerCallSid : call.agentCallSid, twiml);
  } catch (error) {
    // Nothing moved: forget the row, so the next attempt starts from the plain bridge again.
    await ctx.db
      .delete(twilioConferences)
      .where(and(eq(twilioConferences.companyId, row.companyId), eq(twilioConferences.callId, row.callId)));
    throw error;
  }
}

async function save(ctx: ServerContext, row: ConferenceRow): Promise<ConferenceRow> {
  await ctx.db.transaction((tx) => saveConference(tx, row, ctx.now()));
  return row;
}

export async function holdCall(
  ctx: ServerContext,
  principal: Principal,
  callSid: string,
  hold: boolean,
): Promise<CallControlResponse> {
  const call = await controlledCall(ctx, principal, callSid);
  const ops = opsFor(ctx, call.account);
  const row = call.conference;
  if (!row) {
    // Resuming a call that was never held: nothing to move.
    if (!hold) return { callSid, onHold: false, transfer: null };
    const fresh = newRow(call, principal, { onHold: true });
    await moveIntoConference(ops, call, fresh);
    return controlResponseOf(fresh, callSid);
  }
  if (row.transfer?.state === 'consulting') throw busy();
  if (row.conferenceSid) await setHold(ops, row, row.customerCallSid, hold);
  return controlResponseOf(await save(ctx, { ...row, onHold: hold }), callSid);
}

/** The target is someone the call may go to: a colleague in the company, or a number it may call. */
async function checkTarget(ctx: ServerContext, call: ControlledCall, principal: Principal, target: TransferTarget) {
  if (target.type === 'agent') {
    if (target.userId === principal.userId) {
      throw new HttpError(400, 'invalid_target', 'The call is already with you: pick a colleague.');
    }
    const user = await ctx.db.transaction((tx) => transferableUser(tx, principal.companyId, target.userId));
    if (!user) throw new HttpError(404, 'not_found', 'That colleague was not found in your company.');
    return;
  }
  // The same checks as an outgoing call: the desktop's checks can be bypassed, these cannot.
  const refusal =
    (await blockedDialRefusal(ctx.db, call.account, target.number)) ??
    (await doNotContactReason(ctx.db, principal.companyId, target.number));
  if (refusal) throw new HttpError(422, 'number_refused', refusal);
}

/** Rings the target now that the Conference exists, and records the leg. */
export async function ringTarget(ops: Ops, row: ConferenceRow, customerNumber: string | null): Promise<ConferenceRow> {
  const transfer = row.transfer!;
  const targetCallSid = await dialTarget(ops, row, { target: transfer.target, mode: transfer.mode, customerNumber });
  const { ctx } = ops;
  const now = ctx.now();
  const next: ConferenceRow = { ...row, transfer: { ...transfer, targetCallSid } };
  const cold = transfer.mode === 'cold';
  const toAgent = transfer.target.type === 'agent' ? transfer.target.userId : null;
  if (cold && toAgent) Object.assign(next, { agentUserId: toAgent, agentCallSid: targetCallSid });
  await ctx.db.transaction(async (tx) => {
    await recordLeg(
      tx,
      row.companyId,
      { callSid: targetCallSid, parentCallSid: null, callId: row.callId, role: 'transfer', userId: toAgent },
      null,
      now,
    );
    await saveConference(tx, next, now);
  });
  return next;
}

/** A cold transfer's agent hands over and leaves (also when they join after the target was rung). */
export async function handOver(ops: Ops, row: ConferenceRow, agentCallSid: string): Promise<void> {
  await setEndOnExit(ops, row, agentCallSid, false);
  await removeParticipant(ops, row, agentCallSid);
}

export async function transferCall(
  ctx: ServerContext,
  principal: Principal,
  callSid: string,
  request: TransferRequest,
): Promise<CallControlResponse> {
  const call = await controlledCall(ctx, principal, callSid);
  if (call.conference?.transfer?.state === 'consulting') throw busy();
  await checkTarget(ctx, call, principal, request.target);
  const ops = opsFor(ctx, call.account);
  const transfer: TransferRecord = {
    mode: request.mode,
    target: request.target,
    state: request.mode === 'cold' ? 'completed' : 'consulting',
    targetCallSid: null,
    fromUserId: principal.userId,
    // From a plain bridge a cold transfer ends the agent's leg: they never join the Conference.
    fromCallSid: request.mode === 'cold' && !call.conference ? null : call.agentCallSid,
  };
  const cold = request.mode === 'cold';
  const noteCold = () =>
    ctx.db.transaction((tx) =>
      noteTransfer(tx, { ...transfer, companyId: principal.companyId, callId: call.callId, now: ctx.now() }),
    );
  // The customer waits on hold (with music) while the target rings, in both modes.
  if (!call.conference) {
    const row = newRow(call, principal, { onHold: true, transfer });
    await moveIntoConference(ops, call, row);
    if (cold) await noteCold();
    return controlResponseOf(row, callSid);
  }
  let row: ConferenceRow = { ...call.conference, onHold: true, transfer };
  if (!row.conferenceSid) {
    await save(ctx, row);
  } else {
    if (!call.conference.onHold) await setHold(ops, row, row.customerCallSid, true);
    if (cold) await setEndOnExit(ops, row, call.agentCallSid, false);
    row = await ringTarget(ops, row, call.customerNumber);
    if (cold) await removeParticipant(ops, row, call.agentCallSid);
  }
  if (cold) await noteCold();
  return controlResponseOf(row, callSid);
}

async function consulting(ctx: ServerContext, principal: Principal, callSid: string) {
  const call = await controlledCall(ctx, principal, callSid);
  const row = call.conference;
  if (!row?.transfer || row.transfer.state !== 'consulting') throw noTransfer();
  return { call, row, transfer: row.transfer, ops: opsFor(ctx, call.account) };
}

export async function completeTransfer(
  ctx: ServerContext,
  principal: Principal,
  callSid: string,
): Promise<CallControlResponse> {
  const { call, row, transfer, ops } = await consulting(ctx, principal, callSid);
  if (!transfer.targetCallSid || !row.conferenceSid) {
    throw new HttpError(409, 'target_not_reached', 'The transfer target has not been reached yet.');
  }
  // In this order: the conference must never be left without someone who ends it.
  await setEndOnExit(ops, row, transfer.targetCallSid, true);
  await handOver(ops, row, call.agentCallSid);
  await setHold(ops, row, row.customerCallSid, false);
  const toAgent = transfer.target.type === 'agent' ? transfer.target.userId : null;
  const next: ConferenceRow = {
    ...row,
    onHold: false,
    transfer: { ...transfer, state: 'completed' },
    ...(toAgent ? { agentUserId: toAgent, agentCallSid: transfer.targetCallSid } : {}),
  };
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await saveConference(tx, next, now);
    await noteTransfer(tx, { ...transfer, companyId: principal.companyId, callId: call.callId, now });
  });
  return controlResponseOf(next, callSid);
}

export async function cancelTransfer(
  ctx: ServerContext,
  principal: Principal,
  callSid: string,
): Promise<CallControlResponse> {
  const { row, transfer, ops } = await consulting(ctx, principal, callSid);
  if (transfer.targetCallSid && row.conferenceSid) await removeParticipant(ops, row, transfer.targetCallSid);
  if (row.conferenceSid) await setHold(ops, row, row.customerCallSid, false);
  const next = await save(ctx, { ...row, onHold: false, transfer: { ...transfer, state: 'cancelled' } });
  return controlResponseOf(next, callSid);
}

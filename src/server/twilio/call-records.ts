import { and, eq } from 'drizzle-orm';
import type { CallRecord, CallTranscript, Participant, RelatedRef } from '../../shared/domain/call';
import { createCall, durationSeconds, transition } from '../../shared/domain/lifecycle';
import { pack } from '../../shared/sync/hlc';
import type { Tx } from '../db/database';
import { calls, twilioLegs } from '../db/schema';
import { callColumnsOf, callRecordOf, participantUserIds, statusColumnsOf, type CallRow } from '../sync/records';
import { tombstoneLostViewers } from '../calls/lost-viewers';
import { takeVersion } from '../sync/versions';
import { createCallBackTask } from './missed-call';
import {
  deriveOutcome,
  emptyLeg,
  foldLeg,
  LegStateSchema,
  type Leg,
  type LegRole,
  type LegEvent,
  type LegState,
  type TelephonyOutcomeOfCall,
} from './legs';

/**
 * The CRM call record as Twilio reports it. Twilio's writes go through the same record,
 * field clocks and change versions as the desktops' mutations, so a pull carries them
 * and the per-field merge (sync/mutators) keeps the agent's edits and Twilio's facts
 * apart: Twilio owns the times, the status it can prove, the CallSid and the recording
 * link; the agent owns the disposition, outcome, notes and related record.
 */

/** The HLC node of writes made on Twilio's word; `sync/mutators` protects the fields it owns. */
export const TWILIO_NODE = 'twilio';
/** The status history's author for telephony changes (the desktop uses the same). */
export const TELEPHONY_BY = 'system';
/** Owner of an inbound call nobody has answered yet: supervisors see it, the answering agent takes it. */
export const UNASSIGNED_OWNER = 'unassigned';

export const twilioHlc = (now: Date) => pack({ wallMs: now.getTime(), counter: 0, node: TWILIO_NODE });

export function isTwilioStamp(hlc: string | undefined): boolean {
  return hlc !== undefined && hlc.endsWith(`:${TWILIO_NODE}`);
}

export interface NewTelephonyCall {
  id: string;
  direction: 'Inbound' | 'Outbound';
  subject: string;
  ownerId: string;
  fromNumber: string | null;
  toNumber: string | null;
  providerCallId: string;
  participants: Participant[];
  related: RelatedRef | null;
}

export async function lockCall(tx: Tx, companyId: string, id: string): Promise<CallRow | null> {
  const [row] = await tx
    .select()
    .from(calls)
    .where(and(eq(calls.companyId, companyId), eq(calls.id, id)))
    .for('update');
  return row ?? null;
}

/** Creates the record Twilio's voice request announces, or returns the one already there. */
export async function ensureCall(tx: Tx, companyId: string, call: NewTelephonyCall, now: Date): Promise<CallRow> {
  const existing = await lockCall(tx, companyId, call.id);
  if (existing) return existing;
  const at = now.toISOString();
  const created = createCall(
    {
      ...call,
      plannedStart: null,
      outcome: { dispositionCode: null, text: '' },
      teamId: null,
      recordingUrl: null,
      isDemo: false,
    },
    { to: 'Planned', at, by: TELEPHONY_BY },
  );
  if (!created.ok) throw new Error(created.error.message);
  const hlc = twilioHlc(now);
  // Only the fields Twilio knows carry its clock; the rest are free for the desktop's create to fill.
  const fieldHlc = Object.fromEntries(
    ['providerCallId', 'fromNumber', 'toNumber', ...(call.related ? ['related', 'participants'] : [])].map((f) => [
      f,
      hlc,
    ]),
  );
  const version = await takeVersion(tx, companyId, hlc);
  await tx
    .insert(calls)
    .values({ ...callColumnsOf(created.value), companyId, fieldHlc, version })
    .onConflictDoNothing();
  return (await lockCall(tx, companyId, call.id))!;
}

export interface LegLink {
  callSid: string;
  parentCallSid: string | null;
  callId: string;
  role: LegRole;
  userId: string | null;
}

/** Records a leg and folds a status callback (and what routing learnt: `facts`) into it. */
export async function recordLeg(
  tx: Tx,
  companyId: string,
  link: LegLink,
  event: LegEvent | null,
  now: Date,
  facts: Partial<Pick<LegState, 'rung' | 'dial'>> = {},
) {
  const [row] = await tx
    .select()
    .from(twilioLegs)
    .where(and(eq(twilioLegs.companyId, companyId), eq(twilioLegs.callSid, link.callSid)))
    .for('update');
  const before = row ? LegStateSchema.parse(row.state) : emptyLeg();
  const folded = event ? foldLeg(before, event) : before;
  const state: LegState = {
    ...folded,
    ...(facts.rung !== undefined ? { rung: facts.rung } : {}),
    ...(facts.dial ? { dial: facts.dial } : {}),
  };
  if (!row) {
    await tx.insert(twilioLegs).values({ companyId, ...link, state, updatedAt: now });
    return;
  }
  await tx
    .update(twilioLegs)
    .set({
      state,
      updatedAt: now,
      userId: row.userId ?? link.userId,
      parentCallSid: row.parentCallSid ?? link.parentCallSid,
    })
    .where(and(eq(twilioLegs.companyId, companyId), eq(twilioLegs.callSid, link.callSid)));
}

export async function findLeg(tx: Tx, companyId: string, callSid: string) {
  const [row] = await tx
    .select()
    .from(twilioLegs)
    .where(and(eq(twilioLegs.companyId, companyId), eq(twilioLegs.callSid, callSid)));
  return row ?? null;
}

async function legsOf(tx: Tx, companyId: string, callId: string): Promise<Leg[]> {
  const rows = await tx
    .select()
    .from(twilioLegs)
    .where(and(eq(twilioLegs.companyId, companyId), eq(twilioLegs.callId, callId)));
  return rows.map((row) => ({
    callSid: row.callSid,
    role: row.role,
    userId: row.userId,
    state: LegStateSchema.parse(row.state),
  }));
}

/**
 * The record after Twilio's outcome: a pure function of the record and the outcome, so
 * the same legs give the same record however the callbacks arrived.
 */
export function withTelephonyOutcome(record: CallRecord, outcome: TelephonyOutcomeOfCall, now: Date): CallRecord {
  let next = record;
  const answeredBy = outcome.kind === 'not-held' ? null : outcome.answeredBy;
  if (answeredBy && next.direction === 'Inbound' && next.ownerId === UNASSIGNED_OWNER) {
    const others = next.participants.filter((p) => !(p.kind === 'user' && p.id === answeredBy));
    const agent: Participant = { kind: 'user', id: answeredBy, role: 'organizer', name: '' };
    next = { ...next, ownerId: answeredBy, participants: [agent, ...others] };
  }
  if (outcome.kind === 'held') {
    const times = { actualStart: outcome.actualStart, actualEnd: outcome.actualEnd };
    if (next.status === 'Planned' || next.status === 'NotHeld') {
      const changed = transition(next, { to: 'Held', ...times, at: outcome.actualEnd, by: TELEPHONY_BY });
      if (changed.ok) next = changed.value;
    } else if (next.status === 'Held') {
      // The desktop said Held first, with its own clock's times: Twilio's are the record.
      next = { ...next, ...times, durationSeconds: durationSeconds(times.actualStart, times.actualEnd) };
    }
  } else if (outcome.kind === 'not-held' && next.status === 'Planned') {
    const at = outcome.at || now.toISOString();
    const changed = transition(next, { to: 'NotHeld', reason: outcome.reason, at, by: TELEPHONY_BY });
    if (changed.ok) next = changed.value;
  }
  return next;
}

/** Re-derives the record from all its legs and writes it if anything changed. */
export async function settleCall(tx: Tx, companyId: string, callId: string, now: Date): Promise<CallRecord | null> {
  const row = await lockCall(tx, companyId, callId);
  if (!row) return null;
  const current = callRecordOf(row);
  const next = withTelephonyOutcome(
    current,
    deriveOutcome(current.direction, await legsOf(tx, companyId, callId)),
    now,
  );
  if (JSON.stringify(next) === JSON.stringify(current)) return current;
  const hlc = twilioHlc(now);
  const version = await takeVersion(tx, companyId, hlc);
  // Nobody took an inbound call: someone has to call back (once: the status moves once).
  if (next.direction === 'Inbound' && current.status === 'Planned' && next.status === 'NotHeld') {
    await createCallBackTask(tx, companyId, next, hlc, version);
  }
  const after = { ownerId: next.ownerId, participantUserIds: participantUserIds(next.participants) };
  await tx
    .update(calls)
    .set({ ...statusColumnsOf(next), ...after, participants: next.participants, version })
    .where(and(eq(calls.companyId, companyId), eq(calls.id, callId)));
  await tombstoneLostViewers(tx, { companyId, callId, before: row, after, version, at: now });
  return next;
}

/** Twilio's word on a field the desktop may also write (CallSid, recording link): stamped with Twilio's clock. */
export async function setTelephonyFields(
  tx: Tx,
  companyId: string,
  callId: string,
  set: { providerCallId?: string; recordingUrl?: string; transcript?: CallTranscript },
  now: Date,
): Promise<void> {
  const row = await lockCall(tx, companyId, callId);
  if (!row) return;
  const entries = Object.entries(set).filter(
    ([field, value]) => value !== undefined && row[field as keyof CallRow] !== value,
  );
  if (entries.length === 0) return;
  const hlc = twilioHlc(now);
  await tx
    .update(calls)
    .set({
      ...Object.fromEntries(entries),
      fieldHlc: { ...row.fieldHlc, ...Object.fromEntries(entries.map(([field]) => [field, hlc])) },
      version: await takeVersion(tx, companyId, hlc),
    })
    .where(and(eq(calls.companyId, companyId), eq(calls.id, callId)));
}

/** The server refused to dial (blocked, do-not-contact, malformed): Not Held with that reason, if still Planned. */
export async function markNotDialed(tx: Tx, companyId: string, callId: string, reason: string, now: Date) {
  const row = await lockCall(tx, companyId, callId);
  if (!row || row.status !== 'Planned') return;
  const changed = transition(callRecordOf(row), { to: 'NotHeld', reason, at: now.toISOString(), by: TELEPHONY_BY });
  if (!changed.ok) return;
  const { status, statusReason, history } = statusColumnsOf(changed.value);
  const hlc = twilioHlc(now);
  await tx
    .update(calls)
    .set({
      status,
      statusReason,
      history,
      fieldHlc: { ...row.fieldHlc, statusReason: hlc },
      version: await takeVersion(tx, companyId, hlc),
    })
    .where(and(eq(calls.companyId, companyId), eq(calls.id, callId)));
}

import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { Id } from '../../shared/domain/primitives';
import { TransferTarget, type CallControlResponse } from '../../shared/voice/protocol';
import type { Db, Tx } from '../db/database';
import { twilioConferences } from '../db/schema';

/**
 * What the server knows and wants of a call's Conference (table twilio_conferences),
 * one row per CRM call, made when the agent first holds or transfers:
 *
 * - `conferenceSid` is null until Twilio reports the customer joined: until then the
 *   participant REST API has nothing to address, so a hold or a transfer asked for in
 *   that moment is recorded here and carried out on that join (conference-events.ts).
 * - `agentUserId`/`agentCallSid` are the agent the call is with now: after a transfer
 *   to a colleague, theirs, so only they may hold or transfer it further.
 * - `transfer.targetCallSid` is null while the target is still to be dialed.
 */

export const TransferRecord = z.object({
  mode: z.enum(['cold', 'warm']),
  target: TransferTarget,
  state: z.enum(['consulting', 'completed', 'cancelled']),
  targetCallSid: z.string().nullable(),
  /** The agent who started the transfer. */
  fromUserId: Id,
  /** Their leg, when it is (or will be) in the Conference; null when it simply ended. */
  fromCallSid: z.string().nullable(),
});
export type TransferRecord = z.infer<typeof TransferRecord>;

export interface ConferenceRow {
  companyId: string;
  callId: string;
  name: string;
  conferenceSid: string | null;
  customerCallSid: string;
  agentCallSid: string;
  agentUserId: string;
  onHold: boolean;
  transfer: TransferRecord | null;
}

/** The Conference's name: the CRM call id is unique, so two calls never meet in one room. */
export const conferenceNameFor = (callId: string) => `crm-${callId}`;

function rowOf(row: typeof twilioConferences.$inferSelect): ConferenceRow {
  return {
    companyId: row.companyId,
    callId: row.callId,
    name: row.name,
    conferenceSid: row.conferenceSid,
    customerCallSid: row.customerCallSid ?? '',
    agentCallSid: row.agentCallSid ?? '',
    agentUserId: row.agentUserId,
    onHold: row.onHold,
    transfer: row.transfer ? TransferRecord.parse(row.transfer) : null,
  };
}

export async function loadConference(
  db: Db | Tx,
  companyId: string,
  callId: string,
  lock = false,
): Promise<ConferenceRow | null> {
  const query = db
    .select()
    .from(twilioConferences)
    .where(and(eq(twilioConferences.companyId, companyId), eq(twilioConferences.callId, callId)));
  const [row] = lock ? await query.for('update') : await query;
  return row ? rowOf(row) : null;
}

export async function insertConference(tx: Tx, row: ConferenceRow, now: Date): Promise<void> {
  await tx
    .insert(twilioConferences)
    .values({ ...row, updatedAt: now })
    .onConflictDoNothing();
}

export async function saveConference(
  tx: Tx,
  row: Pick<ConferenceRow, 'companyId' | 'callId'> & Partial<ConferenceRow>,
  now: Date,
): Promise<void> {
  const { companyId, callId, ...set } = row;
  await tx
    .update(twilioConferences)
    .set({ ...set, updatedAt: now })
    .where(and(eq(twilioConferences.companyId, companyId), eq(twilioConferences.callId, callId)));
}

/** What the desktop is told after each control request. */
export function controlResponseOf(row: ConferenceRow, callSid: string): CallControlResponse {
  return {
    callSid,
    onHold: row.onHold,
    transfer: row.transfer ? { mode: row.transfer.mode, target: row.transfer.target, state: row.transfer.state } : null,
  };
}

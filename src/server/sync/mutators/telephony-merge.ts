import { and, eq } from 'drizzle-orm';
import type { CallRecord, Participant } from '../../../shared/domain/call';
import { transition } from '../../../shared/domain/lifecycle';
import { ok } from '../../../shared/result';
import { applicableCallFields, applyCallFields } from '../../../shared/sync/call-records';
import type { CallField, CallFields, MutationArgs } from '../../../shared/sync/mutations';
import { canSeeCall } from '../../calls/visibility';
import { tombstoneLostViewers } from '../../calls/lost-viewers';
import { calls } from '../../db/schema';
import { isTwilioStamp, TELEPHONY_BY, UNASSIGNED_OWNER } from '../../twilio/call-records';
import { callColumnsOf, callRecordOf, laterOf, participantUserIds, type CallRow } from '../records';
import { lastWriterWins, reject, type MutationContext, type MutatorResult } from './types';

/**
 * One call, two reporters: the agent's desktop (its mutations) and Twilio (webhooks,
 * twilio/call-records.ts). Whichever reaches the server first creates the record; the
 * other merges into it, field by field:
 *
 * - The CallSid and the recording link, once Twilio has stated them, are Twilio's: a
 *   desktop edit of those fields does not replace them (the desktop only ever knows
 *   its own leg's sid, and no recording link at all).
 * - A status Twilio already settled is not an error when the desktop reports the same
 *   one: the desktop's `call.setStatus` is then applied as a no-op (Twilio's times stay).
 * - Everything else (subject, disposition, outcome, related record, participants) is
 *   the ordinary last-writer-wins by HLC, so the agent's wrap-up lands exactly once.
 */

const TWILIO_OWNED: ReadonlySet<CallField> = new Set(['providerCallId', 'recordingUrl']);

/** The fields of an update that may still apply: not those Twilio has spoken for. */
export function withoutTwilioOwned(row: Pick<CallRow, 'fieldHlc'>, fields: readonly CallField[]): CallField[] {
  return fields.filter((field) => !(TWILIO_OWNED.has(field) && isTwilioStamp(row.fieldHlc[field])));
}

/** A record the telephony layer created (from Twilio's voice request) before the desktop's create arrived. */
export function createdByTelephony(row: CallRow): boolean {
  return row.history[0]?.by === TELEPHONY_BY && isTwilioStamp(row.fieldHlc['providerCallId']);
}

/** The status was last set by the telephony layer and is the one the desktop now reports. */
export function alreadySettledByTelephony(row: CallRow, to: CallRecord['status']): boolean {
  return row.status === to && row.history.at(-1)?.by === TELEPHONY_BY;
}

/** What a create says, as a field set: only what it actually knows (a null or empty value is "not yet"). */
function knownFields(args: MutationArgs<'call.create'>): Partial<CallFields> {
  const set: Partial<CallFields> = { subject: args.subject };
  if (args.plannedStart) set.plannedStart = args.plannedStart;
  if (args.dispositionCode !== null) set.dispositionCode = args.dispositionCode;
  if (args.outcomeText !== '') set.outcomeText = args.outcomeText;
  if (args.related) set.related = args.related;
  if (args.participants.length > 0) set.participants = args.participants;
  if (args.teamId) set.teamId = args.teamId;
  if (args.fromNumber) set.fromNumber = args.fromNumber;
  if (args.toNumber) set.toNumber = args.toNumber;
  if (args.providerCallId) set.providerCallId = args.providerCallId;
  if (args.recordingUrl) set.recordingUrl = args.recordingUrl;
  return set;
}

/** The desktop's `call.create` for a record Twilio's voice request already made: merged, not refused. */
export async function mergeCreateIntoTelephonyCall(
  mc: MutationContext,
  row: CallRow,
  args: MutationArgs<'call.create'>,
): Promise<MutatorResult> {
  const { principal } = mc;
  const unassigned = row.ownerId === UNASSIGNED_OWNER;
  if (!canSeeCall(principal, row) && !unassigned) {
    return reject('already_exists', `A call with the id ${args.id} already exists.`);
  }
  let record = callRecordOf(row);
  const set = knownFields(args);
  const merge = lastWriterWins(row.fieldHlc, withoutTwilioOwned(row, applicableCallFields(record, set)), mc.hlc);
  record = applyCallFields(record, set, merge.won);
  if (unassigned) {
    // The agent whose desktop logs an inbound call is the one who took it.
    const me: Participant = { kind: 'user', id: principal.userId, role: 'organizer', name: '' };
    const others = record.participants.filter((p) => !(p.kind === 'user' && p.id === principal.userId));
    record = { ...record, ownerId: principal.userId, participants: [me, ...others] };
  }
  if (args.status !== 'Planned' && !alreadySettledByTelephony(row, args.status)) {
    const changed = transition(record, {
      to: args.status,
      reason: args.reason,
      actualStart: args.actualStart,
      actualEnd: args.actualEnd,
      at: args.at,
      by: principal.userId,
    });
    // Twilio's settled status stands against a desktop that saw the call differently.
    if (changed.ok) record = changed.value;
  }
  const columns = callColumnsOf(record);
  const version = await mc.version();
  const after = { ownerId: columns.ownerId, participantUserIds: participantUserIds(record.participants) };
  await mc.tx
    .update(calls)
    .set({
      ...columns,
      participantUserIds: after.participantUserIds,
      createdAt: row.createdAt,
      fieldHlc: merge.fieldHlc,
      updatedAt: laterOf(row.updatedAt, args.at),
      version,
    })
    .where(and(eq(calls.companyId, row.companyId), eq(calls.id, row.id)));
  mc.scope.forgetCall(row.id);
  const at = new Date(args.at);
  await tombstoneLostViewers(mc.tx, { companyId: row.companyId, callId: row.id, before: row, after, version, at });
  return ok(undefined);
}

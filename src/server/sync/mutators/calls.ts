import { and, eq } from 'drizzle-orm';
import { transition } from '../../../shared/domain/lifecycle';
import { plannedYearProblem } from '../../../shared/domain/planned-time';
import { ok } from '../../../shared/result';
import {
  applicableCallFields,
  applyCallFields,
  callFromCreateArgs,
  dispositionRefusal,
} from '../../../shared/sync/call-records';
import { callFieldNames, type MutationArgs } from '../../../shared/sync/mutations';
import { tombstoneLostViewers } from '../../calls/lost-viewers';
import { canSeeCall } from '../../calls/visibility';
import { prebuiltInsert } from '../../db/prebuilt-insert';
import { calls } from '../../db/schema';
import type { CallAccess } from './scope';
import {
  callColumnsOf,
  callRecordOf,
  laterOf,
  occurredAt,
  participantUserIds,
  statusColumnsOf,
  type CallRow,
} from '../records';
import { flagDoNotCall } from './do-not-call';
import { followCall } from './reminders-follow-call';
import {
  alreadySettledByTelephony,
  createdByTelephony,
  mergeCreateIntoTelephonyCall,
  withoutTwilioOwned,
} from './telephony-merge';
import {
  checkAssignee,
  forbidden,
  lastWriterWins,
  notFound,
  reject,
  type MutationContext,
  type Mutator,
  type MutatorResult,
} from './types';

export async function loadCall(mc: MutationContext, id: string): Promise<CallRow | MutatorResult> {
  // FOR UPDATE: two clients editing one call serialise here, so neither merge reads a
  // field-clock map the other is about to overwrite.
  const [row] = await mc.tx
    .select()
    .from(calls)
    .where(and(eq(calls.companyId, mc.principal.companyId), eq(calls.id, id)))
    .for('update');
  if (!row) return notFound('Call', id);
  if (!canSeeCall(mc.principal, row))
    return forbidden('You can only change your own calls and calls you take part in.');
  return row;
}

export const isRow = (value: CallRow | MutatorResult): value is CallRow => !('ok' in value);

export const createCallMutation: Mutator<MutationArgs<'call.create'>> = async (mc, args) => {
  const { principal } = mc;
  const refused = await checkAssignee(mc, args.ownerId);
  if (refused) return refused;
  const created = callFromCreateArgs(args, principal.userId);
  if (!created.ok) return reject(created.error.code, created.error.message);
  const misfit = dispositionRefusal(created.value);
  if (misfit) return reject(misfit.code, misfit.message);
  const fieldHlc = Object.fromEntries(callFieldNames.map((field) => [field, mc.hlc]));
  // One statement instead of "does it exist?" then insert: a taken id inserts nothing.
  const row = {
    ...callColumnsOf(created.value),
    companyId: principal.companyId,
    fieldHlc,
    version: await mc.version(),
  };
  const [access] = await insertCallIfNew(mc.tx, [row]);
  if (!access) {
    // Twilio's voice request may have made this record first (the desktop passed its id as CrmCallId).
    const [row] = await mc.tx
      .select()
      .from(calls)
      .where(and(eq(calls.companyId, principal.companyId), eq(calls.id, args.id)))
      .for('update');
    if (row && createdByTelephony(row)) return mergeCreateIntoTelephonyCall(mc, row, args);
    return reject('already_exists', `A call with the id ${args.id} already exists.`);
  }
  mc.scope.rememberCall(args.id, access);
  return ok(undefined);
};

type CallInsert = typeof calls.$inferInsert;

/**
 * Inserts the call unless its id is taken; the new row's access columns, or nothing. Built
 * per request, this insert of 35 columns was a good part of a push's CPU: prebuilt per shape.
 */
const insertCallIfNew = prebuiltInsert<CallInsert, CallAccess[]>(calls, (db, rows) =>
  db
    .insert(calls)
    .values(rows)
    .onConflictDoNothing()
    .returning({ companyId: calls.companyId, ownerId: calls.ownerId, participantUserIds: calls.participantUserIds }),
);

export const updateCallMutation: Mutator<MutationArgs<'call.update'>> = async (mc, args) => {
  // The same planning rule as at creation (lifecycle.createCall), counted from the change.
  const planned = args.set.plannedStart;
  const yearProblem = planned ? plannedYearProblem(planned.local, Date.parse(args.at)) : null;
  if (yearProblem) return reject('planned_year_out_of_range', yearProblem);
  const row = await loadCall(mc, args.id);
  if (!isRow(row)) return row;
  const current = callRecordOf(row);
  const merge = lastWriterWins(row.fieldHlc, withoutTwilioOwned(row, applicableCallFields(current, args.set)), mc.hlc);
  // Every requested field already carries a newer edit (or cannot apply to this call): the
  // mutation is processed (it counts as applied) but has nothing left to write.
  if (merge.won.length === 0) return ok(undefined);
  const record = applyCallFields(current, args.set, merge.won);
  const misfit = dispositionRefusal(record);
  if (misfit) return reject(misfit.code, misfit.message);
  const columns = callColumnsOf(record);
  const version = await mc.version();
  await mc.tx
    .update(calls)
    .set({
      subject: columns.subject,
      statusReason: columns.statusReason,
      plannedStart: columns.plannedStart,
      occurredAt: occurredAt(record),
      dispositionCode: columns.dispositionCode,
      outcomeText: columns.outcomeText,
      participants: columns.participants,
      participantUserIds: participantUserIds(record.participants),
      relatedType: columns.relatedType,
      relatedId: columns.relatedId,
      relatedName: columns.relatedName,
      teamId: columns.teamId,
      fromNumber: columns.fromNumber,
      toNumber: columns.toNumber,
      providerCallId: columns.providerCallId,
      recordingUrl: columns.recordingUrl,
      quality: columns.quality,
      wrappedUpAt: columns.wrappedUpAt,
      fieldHlc: merge.fieldHlc,
      updatedAt: laterOf(row.updatedAt, args.at),
      version,
    })
    .where(and(eq(calls.companyId, row.companyId), eq(calls.id, row.id)));
  // Participants may have changed: the next visibility check of this call reads it again,
  // and an agent taken off the call gets a tombstone for it.
  mc.scope.forgetCall(row.id);
  const after = { ownerId: row.ownerId, participantUserIds: participantUserIds(record.participants) };
  await tombstoneLostViewers(mc.tx, {
    companyId: row.companyId,
    callId: row.id,
    before: row,
    after,
    version,
    at: new Date(args.at),
  });
  await followCall(mc, current, record, args.at);
  await flagDoNotCall(mc, current, record, args.at);
  return ok(undefined);
};

/**
 * Status changes are not last-writer-wins: they go through the shared lifecycle against
 * the server's current state, in arrival order. A change that is illegal by then (say,
 * the supervisor marked the call Held while the agent, offline, cancelled it) is
 * rejected with the lifecycle's own sentence.
 */
export const setCallStatusMutation: Mutator<MutationArgs<'call.setStatus'>> = async (mc, args) => {
  const row = await loadCall(mc, args.id);
  if (!isRow(row)) return row;
  const changed = transition(callRecordOf(row), {
    to: args.to,
    reason: args.reason,
    actualStart: args.actualStart,
    actualEnd: args.actualEnd,
    at: args.at,
    by: mc.principal.userId,
  });
  if (!changed.ok) {
    // Twilio settled it first: the desktop's report of the same outcome is applied, as a no-op.
    if (alreadySettledByTelephony(row, args.to)) return ok(undefined);
    return reject(changed.error.code, changed.error.message);
  }
  const record = changed.value;
  // The transition set the reason too: a refinement made before this change (an older
  // clock) must not overwrite it later by last-writer-wins; one made after still does.
  const reasonHlc = row.fieldHlc['statusReason'];
  const fieldHlc =
    reasonHlc === undefined || mc.hlc > reasonHlc ? { ...row.fieldHlc, statusReason: mc.hlc } : row.fieldHlc;
  await mc.tx
    .update(calls)
    .set({
      ...statusColumnsOf(record),
      fieldHlc,
      updatedAt: laterOf(row.updatedAt, args.at),
      version: await mc.version(),
    })
    .where(and(eq(calls.companyId, row.companyId), eq(calls.id, row.id)));
  await followCall(mc, callRecordOf(row), record, args.at);
  return ok(undefined);
};

/**
 * The live call connected: its actual start on the still-Planned call, so every copy of
 * the record shows when the conversation began while it goes on. Once the call has a
 * final status its times came with that change, and this one has nothing left to do.
 */
export const answeredCallMutation: Mutator<MutationArgs<'call.answered'>> = async (mc, args) => {
  const row = await loadCall(mc, args.id);
  if (!isRow(row)) return row;
  if (row.status !== 'Planned') return ok(undefined);
  const record = { ...callRecordOf(row), actualStart: args.actualStart };
  await mc.tx
    .update(calls)
    .set({
      actualStart: callColumnsOf(record).actualStart,
      occurredAt: occurredAt(record),
      updatedAt: laterOf(row.updatedAt, args.at),
      version: await mc.version(),
    })
    .where(and(eq(calls.companyId, row.companyId), eq(calls.id, row.id)));
  return ok(undefined);
};

import type { CallRecord, CallStatus } from '../domain/call';
import { checkDisposition, DEFAULT_DISPOSITIONS, type DispositionRefusal } from '../domain/disposition';
import { createCall, type TransitionError } from '../domain/lifecycle';
import type { Result } from '../result';
import type { CallField, CallFields, MutationArgs } from './mutations';

/**
 * Call mutations → call records, the same on the server and on the desktop, so both
 * sides derive the same record from the same mutation (the desktop when it replays its
 * waiting changes over a pull, the server when it applies them).
 */

/** The record a `call.create` makes, through the shared lifecycle. `by` is the signed-in user. */
export function callFromCreateArgs(args: MutationArgs<'call.create'>, by: string): Result<CallRecord, TransitionError> {
  return createCall(
    {
      id: args.id,
      direction: args.direction,
      subject: args.subject,
      plannedStart: args.plannedStart,
      outcome: { dispositionCode: args.dispositionCode, text: args.outcomeText },
      participants: args.participants,
      related: args.related,
      ownerId: args.ownerId ?? by,
      teamId: args.teamId,
      fromNumber: args.fromNumber,
      toNumber: args.toNumber,
      providerCallId: args.providerCallId,
      recordingUrl: args.recordingUrl,
      isDemo: args.isDemo,
    },
    {
      to: args.status,
      reason: args.reason,
      actualStart: args.actualStart,
      actualEnd: args.actualEnd,
      at: args.at,
      by,
    },
  );
}

/** Only a Not Held or Cancelled call has a reason that means something (the lifecycle requires one). */
export function statusReasonApplies(status: CallStatus): boolean {
  return status === 'NotHeld' || status === 'Cancelled';
}

/**
 * The fields of a `call.update` that can apply to this call. `statusReason` refines the
 * reason of a Not Held or Cancelled call (the agent's wording at wrap-up); against a call
 * in any other status it is IGNORED rather than rejected: it travels in the same mutation
 * as the wrap-up's disposition and outcome, which must not be lost because, say, a
 * supervisor reopened the call in the meantime. An ignored field does not take the
 * field's clock either, so it cannot block a later, applicable refinement.
 */
export function applicableCallFields(call: Pick<CallRecord, 'status'>, set: Partial<CallFields>): CallField[] {
  const fields = Object.keys(set) as CallField[];
  return statusReasonApplies(call.status) ? fields : fields.filter((field) => field !== 'statusReason');
}

/** The record with the given fields of `set` written in (the wire's names mapped onto the record's). */
export function applyCallFields(call: CallRecord, set: Partial<CallFields>, fields: readonly CallField[]): CallRecord {
  const next: CallRecord = { ...call, outcome: { ...call.outcome } };
  for (const field of fields) {
    const value = set[field];
    if (field === 'dispositionCode') next.outcome.dispositionCode = value as string | null;
    else if (field === 'outcomeText') next.outcome.text = value as string;
    else (next as Record<string, unknown>)[field] = value;
  }
  return next;
}

/**
 * The disposition rule as a synced record must meet it (the CRM server applies it to
 * every call it is sent): a known code must fit the call's direction and whether it
 * connected. The server does not hold each team's configured list, so a code it does
 * not know passes. On a Planned or Cancelled call the code rides along unchecked, like
 * `statusReason` above (checkDisposition says why).
 */
export function dispositionRefusal(call: CallRecord): DispositionRefusal | null {
  return checkDisposition(DEFAULT_DISPOSITIONS, call.outcome.dispositionCode, call, 'accept');
}

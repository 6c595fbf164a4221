import type { ApiParsedInput } from '../../../shared/api';
import type { CallRecord } from '../../../shared/domain/call';
import { newId } from '../../../shared/domain/ids';
import type { Db } from '../db/client';
import type { Mutation } from '../sync/mutate';
import { callSet } from '../sync/mutation-args';
import { requireFittingDisposition } from './dispositions';
import { resolvePlannedStart } from './planned-start';
import { customerZone } from './customer-zone';
import { followUpDueAt } from './wrap-up';

/**
 * The mutations of marking a call by hand, in the order they apply: the status change
 * first (the lifecycle decides whether it is legal), then the fields it brings along:
 * the outcome and a note of a Held call, its follow-up task linked to the call and the
 * call's related record, or the new planned time of a call planned again. The caller
 * commits them together, so a refused status change leaves no stray note or task.
 */
export function markCallMutations(
  db: Db,
  call: CallRecord,
  input: ApiParsedInput<'calls.setStatus'>,
  now: Date,
): Mutation[] {
  const at = now.toISOString();
  const { id, to } = input;
  const mutations: Mutation[] = [
    {
      name: 'call.setStatus',
      args: {
        id,
        to,
        reason: input.reason ?? null,
        actualStart: input.actualStart ?? null,
        actualEnd: input.actualEnd ?? null,
        at,
      },
    },
  ];
  const outcome = input.outcome;
  if (outcome) requireFittingDisposition(db, { direction: call.direction, status: to, outcome });
  const plannedStart =
    to === 'Planned' && input.plannedStart ? resolvePlannedStart(input.plannedStart, now) : undefined;
  const set = callSet({ outcome, plannedStart });
  if (Object.keys(set).length > 0) mutations.push({ name: 'call.update', args: { id, set, at } });
  if (input.note) {
    mutations.push({
      name: 'note.add',
      args: { id: newId(), body: input.note, callId: id, related: call.related, at },
    });
  }
  if (input.followUp) {
    const dueAt = followUpDueAt(input.followUp, now, customerZone(db, call.related));
    const subject = input.followUp.subject;
    mutations.push({
      name: 'task.create',
      args: { id: newId(), subject, dueAt, callId: id, related: call.related, at },
    });
  }
  return mutations;
}

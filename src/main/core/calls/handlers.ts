import { newId } from '../../../shared/domain/ids';
import { phoneSearchKey } from '../../../shared/domain/phone';
import type { Handlers } from '../api/dispatch';
import { getCall, listCalls } from '../db/repositories/calls';
import { getNote, notesOfCall } from '../db/repositories/notes';
import { getSettings } from '../db/repositories/settings';
import { commit } from '../sync/mutate';
import { callSet } from '../sync/mutation-args';
import { nowIso, orNotFound, type HandlerContext } from '../handler-context';
import { createCallRecord } from './call-records';
import { dispositionList, requireFittingDisposition } from './dispositions';
import { CoreError } from '../errors';
import { reminderMutations } from '../reminders/reminder-mutations';
import { markCallMutations } from './mark-call';
import { missedCalls } from './missed-calls';
import { resolvePlannedStart } from './planned-start';

type CallHandlers = Pick<
  Handlers,
  | 'calls.list'
  | 'calls.get'
  | 'calls.create'
  | 'calls.update'
  | 'calls.setStatus'
  | 'calls.addNote'
  | 'calls.notes'
  | 'calls.missed'
  | 'calls.dispositions'
>;

export function callHandlers(ctx: HandlerContext): CallHandlers {
  const { db } = ctx.local;
  const storedCall = (id: string) => orNotFound(getCall(db, id), 'Call', id);

  return {
    'calls.list': (input) => {
      // A search that is a phone number (in any format) also finds the calls from or to it.
      const searchNumber = input.search ? phoneSearchKey(input.search, getSettings(db).defaultRegion) : null;
      return listCalls(db, { ...input, searchNumber });
    },

    'calls.get': ({ id }) => orNotFound(getCall(db, id), 'Call', id),

    'calls.create': (input) => {
      // The shared disposition rule (the server applies the same): the code must fit.
      requireFittingDisposition(db, { direction: input.direction, status: input.status, outcome: input.outcome });
      const plannedStart = resolvePlannedStart(input.plannedStart, ctx.now());
      if (input.reminders.length > 0 && (!plannedStart || input.status !== 'Planned')) {
        throw new CoreError('reminder_needs_plan', 'A reminder needs a planned call with a planned time.');
      }
      const reminders = (callId: string) =>
        plannedStart
          ? reminderMutations({
              callId,
              ownerId: ctx.userId,
              participants: input.participants,
              plannedUtc: plannedStart.utc,
              offsets: input.reminders,
              at: nowIso(ctx),
            })
          : [];
      return createCallRecord(
        ctx,
        {
          direction: input.direction,
          subject: input.subject,
          status: input.status,
          reason: input.reason ?? null,
          plannedStart,
          actualStart: input.actualStart ?? null,
          actualEnd: input.actualEnd ?? null,
          dispositionCode: input.outcome.dispositionCode,
          outcomeText: input.outcome.text,
          related: input.related,
          participants: input.participants,
          fromNumber: input.fromNumber,
          toNumber: input.toNumber,
          at: nowIso(ctx),
        },
        undefined,
        reminders,
      );
    },

    'calls.update': ({ id, ...patch }) => {
      const stored = orNotFound(getCall(db, id), 'Call', id);
      if (patch.outcome) requireFittingDisposition(db, { ...stored, outcome: patch.outcome });
      const plannedStart =
        patch.plannedStart === undefined ? undefined : resolvePlannedStart(patch.plannedStart, ctx.now());
      // Only the fields the agent changed, so the server can merge them field by field.
      const set = callSet({ ...patch, plannedStart });
      if (Object.keys(set).length > 0) commit(ctx, [{ name: 'call.update', args: { id, set, at: nowIso(ctx) } }]);
      return storedCall(id);
    },

    'calls.setStatus': (input) => {
      const stored = orNotFound(getCall(db, input.id), 'Call', input.id);
      commit(ctx, markCallMutations(db, stored, input, ctx.now()));
      return storedCall(input.id);
    },

    'calls.addNote': ({ callId, body }) => {
      const call = orNotFound(getCall(db, callId), 'Call', callId);
      const id = newId();
      commit(ctx, [{ name: 'note.add', args: { id, body, callId, related: call.related, at: nowIso(ctx) } }]);
      return orNotFound(getNote(db, id), 'Note', id);
    },

    'calls.notes': ({ callId }) => ({ items: notesOfCall(db, callId) }),

    'calls.missed': (filter) => missedCalls(db, filter),

    'calls.dispositions': () => ({ items: [...dispositionList(db)] }),
  };
}

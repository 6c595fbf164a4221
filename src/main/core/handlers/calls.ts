import type { CallRecord } from '../../../shared/domain/call';
import { newId } from '../../../shared/domain/ids';
import { createCall, transition, type TransitionError } from '../../../shared/domain/lifecycle';
import type { Result } from '../../../shared/result';
import type { Handlers } from '../api/dispatch';
import { getCall, insertCall, listCalls, updateCall } from '../db/repositories/calls';
import { insertNote, notesOfCall } from '../db/repositories/notes';
import { CoreError } from '../errors';
import { appendMutation } from '../sync/append-mutation';
import { callCreateArgs, callSet, noteAddArgs } from '../sync/mutation-args';
import { nowIso, orNotFound, type HandlerContext } from './context';
import { resolvePlannedStart } from './planned-start';

type CallHandlers = Pick<
  Handlers,
  'calls.list' | 'calls.get' | 'calls.create' | 'calls.update' | 'calls.setStatus' | 'calls.addNote' | 'calls.notes'
>;

/** The shared lifecycle's refusal, as a reply the agent reads: same code, same sentence. */
function orRefuse(result: Result<CallRecord, TransitionError>): CallRecord {
  if (!result.ok) throw new CoreError(result.error.code, result.error.message);
  return result.value;
}

export function callHandlers(ctx: HandlerContext): CallHandlers {
  const { db } = ctx.local;
  const changed = (id: string) => ctx.events.emit('data.changed', { entity: 'call', ids: [id] });

  return {
    'calls.list': (input) => listCalls(db, input),

    'calls.get': ({ id }) => orNotFound(getCall(db, id), 'Call', id),

    'calls.create': (input) => {
      const at = nowIso(ctx);
      const call = orRefuse(
        createCall(
          {
            id: newId(),
            direction: input.direction,
            subject: input.subject,
            plannedStart: resolvePlannedStart(input.plannedStart, ctx.now()),
            outcome: input.outcome,
            participants: input.participants,
            related: input.related,
            ownerId: ctx.userId,
            teamId: null,
            fromNumber: input.fromNumber,
            toNumber: input.toNumber,
            providerCallId: null,
            recordingUrl: null,
            isDemo: false,
          },
          {
            to: input.status,
            reason: input.reason ?? null,
            actualStart: input.actualStart,
            actualEnd: input.actualEnd,
            at,
            by: ctx.userId,
          },
        ),
      );
      // The call and its outbox row in one transaction: if the app died between the
      // two, a logged call would exist here and never reach the server.
      db.transaction((tx) => {
        insertCall(tx, call);
        appendMutation(tx, 'call.create', callCreateArgs(call));
      });
      changed(call.id);
      return call;
    },

    'calls.update': ({ id, ...patch }) => {
      const at = nowIso(ctx);
      const updated = db.transaction((tx) => {
        const call = orNotFound(getCall(tx, id), 'Call', id);
        const plannedStart =
          patch.plannedStart === undefined ? undefined : resolvePlannedStart(patch.plannedStart, ctx.now());
        const next: CallRecord = {
          ...call,
          ...(patch.subject !== undefined ? { subject: patch.subject } : {}),
          ...(plannedStart !== undefined ? { plannedStart } : {}),
          ...(patch.outcome !== undefined ? { outcome: patch.outcome } : {}),
          ...(patch.related !== undefined ? { related: patch.related } : {}),
          ...(patch.participants !== undefined ? { participants: patch.participants } : {}),
          updatedAt: at,
        };
        updateCall(tx, next);
        // Same transaction as the row (see calls.create). The args name only the fields
        // the agent changed, so the server can merge them field by field.
        const set = callSet({ ...patch, plannedStart });
        if (Object.keys(set).length > 0) appendMutation(tx, 'call.update', { id, set, at });
        return next;
      });
      changed(id);
      return updated;
    },

    'calls.setStatus': ({ id, to, reason, actualStart, actualEnd }) => {
      const at = nowIso(ctx);
      const change = {
        to,
        reason: reason ?? null,
        actualStart: actualStart ?? null,
        actualEnd: actualEnd ?? null,
        at,
        by: ctx.userId,
      };
      // Read, check and write in one transaction, so the lifecycle rule is checked
      // against the status that is actually stored when the change is written.
      const updated = db.transaction((tx) => {
        const call = orNotFound(getCall(tx, id), 'Call', id);
        const next = orRefuse(transition(call, change));
        updateCall(tx, next);
        // Same transaction as the row (see calls.create).
        appendMutation(tx, 'call.setStatus', {
          id,
          to,
          reason: change.reason,
          actualStart: change.actualStart,
          actualEnd: change.actualEnd,
          at,
        });
        return next;
      });
      changed(id);
      return updated;
    },

    'calls.addNote': ({ callId, body }) => {
      const at = nowIso(ctx);
      const note = db.transaction((tx) => {
        const call = orNotFound(getCall(tx, callId), 'Call', callId);
        const added = {
          id: newId(),
          body,
          callId,
          related: call.related,
          authorId: ctx.userId,
          createdAt: at,
          isDemo: false,
        };
        insertNote(tx, added);
        // Same transaction as the row (see calls.create).
        appendMutation(tx, 'note.add', noteAddArgs(added));
        return added;
      });
      ctx.events.emit('data.changed', { entity: 'note', ids: [note.id] });
      return note;
    },

    'calls.notes': ({ callId }) => ({ items: notesOfCall(db, callId) }),
  };
}

import { eq } from 'drizzle-orm';
import { transition } from '../../../shared/domain/lifecycle';
import { addTag, removeAdds, retagTo, visibleTags } from '../../../shared/domain/tag-set';
import { err, ok, type AppError, type Result } from '../../../shared/result';
import { applicableCallFields, applyCallFields, callFromCreateArgs } from '../../../shared/sync/call-records';
import type { MutationArgs, MutationName } from '../../../shared/sync/mutations';
import type { SyncEntity } from '../../../shared/sync/protocol';
import { taskTransition } from '../../../shared/sync/task-status';
import { placedAppointment, rescheduledAppointment, UNPLACEABLE_VISIT } from '../../../shared/domain/appointment';
import { getAccount } from '../db/repositories/accounts';
import { getAppointment } from '../db/repositories/appointments';
import { getCall, updateCall } from '../db/repositories/calls';
import { getContact } from '../db/repositories/contacts';
import { getSettings } from '../db/repositories/settings';
import { getTask } from '../db/repositories/tasks';
import { readTagSet, taggedRecordExists, writeTagSet } from '../db/repositories/tags';
import { calls, notes, reminders } from '../db/schema';
import type { WriteTx } from '../db/write-tx';
import { getMessage } from '../db/repositories/messages';
import { writeRecord } from './cache-write';
import { followCall } from './reminders-follow-call';

/**
 * The local effect of every mutation, and the ONLY one: the write entry point (mutate.ts)
 * applies a new change with it, and rebase replays the waiting changes with it on top of
 * the server's copy. One function per mutation is what makes the record an agent sees
 * right after a change the same record they see after any sync.
 *
 * A mutator that cannot apply says why (the call is gone, the status change is not
 * legal now). The entry point turns that into the agent's error and rolls back; a
 * replay skips it, as the server will refuse it too (the agent sees the refusal in
 * sync.rejections). `userId` is the signed-in agent: the author of history entries and
 * the owner of what they create, the same user the server takes from the access token.
 */

/** A record a mutation wrote: what the UI is told changed. */
export interface Touched {
  entity: SyncEntity;
  id: string;
}

export type MutatorOutcome = Result<Touched[], AppError>;

export type LocalMutator<N extends MutationName> = (
  tx: WriteTx,
  userId: string,
  args: MutationArgs<N>,
) => MutatorOutcome;

const touched = (entity: SyncEntity, id: string): MutatorOutcome => ok([{ entity, id }]);
const gone = (what: string, id: string): MutatorOutcome =>
  err({ code: 'not_found', message: `${what} ${id} was not found. It may have been deleted.` });

const taggedWhat = { calls: 'Call', contacts: 'Contact' } as const;

export const localMutators: { [N in MutationName]: LocalMutator<N> } = {
  'call.create': (tx, userId, args) => {
    if (getCall(tx.db, args.id)) return err({ code: 'already_exists', message: `Call ${args.id} already exists.` });
    const created = callFromCreateArgs(args, userId);
    if (!created.ok) return created;
    writeRecord(tx, 'calls', created.value);
    return touched('calls', args.id);
  },
  'call.update': (tx, _userId, args) => {
    const call = getCall(tx.db, args.id);
    if (!call) return gone('Call', args.id);
    // The server's rule, so a refinement of a reason shows only where the server keeps it.
    const after = { ...applyCallFields(call, args.set, applicableCallFields(call, args.set)), updatedAt: args.at };
    updateCall(tx, after);
    return ok([{ entity: 'calls', id: args.id }, ...followCall(tx, call, after, args.at)]);
  },
  'call.setStatus': (tx, userId, args) => {
    const call = getCall(tx.db, args.id);
    if (!call) return gone('Call', args.id);
    const moved = transition(call, { ...args, by: userId });
    if (!moved.ok) return moved;
    updateCall(tx, moved.value);
    return ok([{ entity: 'calls', id: args.id }, ...followCall(tx, call, moved.value, args.at)]);
  },
  'call.answered': (tx, _userId, args) => {
    const call = getCall(tx.db, args.id);
    if (!call) return gone('Call', args.id);
    // Ended meanwhile: the status change that ended it carries the times (as on the server).
    if (call.status !== 'Planned') return ok([]);
    updateCall(tx, { ...call, actualStart: args.actualStart, updatedAt: args.at });
    return touched('calls', args.id);
  },
  'call.review': (tx, userId, args) => {
    const call = getCall(tx.db, args.id);
    if (!call) return gone('Call', args.id);
    // The reviewer's name as this desktop knows it; the server's copy names them from its user list.
    const byName = getSettings(tx.db).agentName;
    const review = args.review && { ...args.review, by: userId, byName, at: args.at };
    updateCall(tx, { ...call, review });
    return touched('calls', args.id);
  },
  // The server checks who may do this (supervisors) and to whom; here the owner just changes.
  // One column, not the whole record: a bulk change of owner writes thousands of these.
  'call.setOwner': (tx, _userId, args) => {
    const changed = tx.db
      .update(calls)
      .set({ ownerId: args.ownerId, updatedAt: args.at })
      .where(eq(calls.id, args.id))
      .run().changes;
    if (changed !== 1) return gone('Call', args.id);
    return touched('calls', args.id);
  },
  'note.add': (tx, userId, args) => {
    if (tx.db.select({ id: notes.id }).from(notes).where(eq(notes.id, args.id)).get()) {
      return err({ code: 'already_exists', message: `Note ${args.id} already exists.` });
    }
    writeRecord(tx, 'notes', {
      id: args.id,
      body: args.body,
      callId: args.callId,
      related: args.related,
      authorId: userId,
      category: args.category,
      createdAt: args.at,
      isDemo: args.isDemo,
    });
    return touched('notes', args.id);
  },
  'task.create': (tx, userId, args) => {
    if (getTask(tx.db, args.id)) return err({ code: 'already_exists', message: `Task ${args.id} already exists.` });
    const { at, ownerId, ...task } = args;
    writeRecord(tx, 'tasks', { ...task, ownerId: ownerId ?? userId, status: 'Open', createdAt: at, updatedAt: at });
    return touched('tasks', args.id);
  },
  'task.update': (tx, _userId, args) => {
    const task = getTask(tx.db, args.id);
    if (!task) return gone('Task', args.id);
    writeRecord(tx, 'tasks', { ...task, ...args.set, updatedAt: args.at });
    return touched('tasks', args.id);
  },
  'task.setStatus': (tx, _userId, args) => {
    const task = getTask(tx.db, args.id);
    if (!task) return gone('Task', args.id);
    const allowed = taskTransition(task.status, args.to);
    if (!allowed.ok) return allowed;
    writeRecord(tx, 'tasks', { ...task, status: args.to, updatedAt: args.at });
    return touched('tasks', args.id);
  },
  'reminder.set': (tx, userId, args) => {
    if (!tx.db.select({ id: calls.id }).from(calls).where(eq(calls.id, args.callId)).get()) {
      return gone('Call', args.callId);
    }
    const row = {
      id: args.id,
      callId: args.callId,
      recipientId: args.recipientId ?? userId,
      offsetMinutes: args.offsetMinutes,
      remindAt: args.remindAt,
    };
    // Set again (rescheduled, snoozed): due again, as on the server.
    const due = { ...row, firedAt: null, dismissedAt: null };
    tx.db.insert(reminders).values(due).onConflictDoUpdate({ target: reminders.id, set: due }).run();
    return touched('reminders', args.id);
  },
  'reminder.update': (tx, _userId, args) => {
    tx.db.update(reminders).set(args.set).where(eq(reminders.id, args.id)).run();
    return touched('reminders', args.id);
  },
  'reminder.delete': (tx, _userId, args) => {
    tx.db.delete(reminders).where(eq(reminders.id, args.id)).run();
    return touched('reminders', args.id);
  },
  'contact.create': (tx, _userId, args) => {
    if (getContact(tx.db, args.id)) {
      return err({ code: 'already_exists', message: `Contact ${args.id} already exists.` });
    }
    const { at, ...contact } = args;
    writeRecord(tx, 'contacts', { ...contact, createdAt: at, updatedAt: at });
    return touched('contacts', args.id);
  },
  'contact.update': (tx, _userId, args) => {
    const contact = getContact(tx.db, args.id);
    if (!contact) return gone('Contact', args.id);
    // Tags are a set (tag-set.ts): a whole list from the edit sheet becomes removals of
    // what this copy saw and additions of the new ones, as on the server.
    const current = readTagSet(tx.sqlite, 'contacts', args.id);
    const tagSet = args.set.tags ? retagTo(current, args.set.tags) : current;
    writeRecord(tx, 'contacts', { ...contact, ...args.set, tags: visibleTags(tagSet), tagSet, updatedAt: args.at });
    return touched('contacts', args.id);
  },
  'account.update': (tx, _userId, args) => {
    const account = getAccount(tx.db, args.id);
    if (!account) return gone('Account', args.id);
    writeRecord(tx, 'accounts', { ...account, ...args.set, updatedAt: args.at });
    return touched('accounts', args.id);
  },
  // Waits here as `queued` until the server has it (offline: until reconnecting).
  'sms.send': (tx, userId, args) => {
    if (getMessage(tx.db, args.id))
      return err({ code: 'already_exists', message: `Message ${args.id} already exists.` });
    writeRecord(tx, 'messages', {
      id: args.id,
      direction: 'outbound',
      status: 'queued',
      customerNumber: args.to,
      companyNumber: null,
      body: args.body,
      related: args.related,
      authorId: userId,
      errorCode: null,
      errorReason: null,
      createdAt: args.at,
      updatedAt: args.at,
    });
    return touched('messages', args.id);
  },
  'appointment.book': (tx, userId, args) => {
    if (getAppointment(tx.db, args.id)) {
      return err({ code: 'already_exists', message: `Appointment ${args.id} already exists.` });
    }
    if (!getContact(tx.db, args.contactId)) return gone('Contact', args.contactId);
    const visit = placedAppointment(args, userId);
    if (!visit) return err({ code: 'invalid_change', message: UNPLACEABLE_VISIT });
    writeRecord(tx, 'appointments', visit);
    return ok([
      { entity: 'appointments', id: args.id },
      { entity: 'contacts', id: args.contactId },
    ]);
  },
  'appointment.setStatus': (tx, _userId, args) => {
    const appointment = getAppointment(tx.db, args.id);
    if (!appointment) return gone('Appointment', args.id);
    writeRecord(tx, 'appointments', { ...appointment, status: args.to, updatedAt: args.at });
    return ok([
      { entity: 'appointments', id: args.id },
      { entity: 'contacts', id: appointment.contactId },
    ]);
  },
  'appointment.reschedule': (tx, _userId, { id, ...move }) => {
    const appointment = getAppointment(tx.db, id);
    if (!appointment) return gone('Appointment', id);
    const moved = rescheduledAppointment(appointment, move);
    if (!moved) return err({ code: 'invalid_change', message: UNPLACEABLE_VISIT });
    writeRecord(tx, 'appointments', moved);
    return ok([
      { entity: 'appointments', id },
      { entity: 'contacts', id: appointment.contactId },
    ]);
  },
  // Availability lives in the line, not in the local database: nothing to write or replay.
  'presence.set': () => ok([]),
  'tag.add': (tx, _userId, args) => {
    if (!taggedRecordExists(tx.sqlite, args.entity, args.id)) return gone(taggedWhat[args.entity], args.id);
    writeTagSet(tx, args.entity, args.id, addTag(readTagSet(tx.sqlite, args.entity, args.id), args.addId, args.tag));
    return touched(args.entity, args.id);
  },
  'tag.remove': (tx, _userId, args) => {
    if (!taggedRecordExists(tx.sqlite, args.entity, args.id)) return gone(taggedWhat[args.entity], args.id);
    writeTagSet(tx, args.entity, args.id, removeAdds(readTagSet(tx.sqlite, args.entity, args.id), args.addIds));
    return touched(args.entity, args.id);
  },
};

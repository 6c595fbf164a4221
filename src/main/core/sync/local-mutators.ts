import { eq } from 'drizzle-orm';
import { transition } from '../../../shared/domain/lifecycle';
import { applicableCallFields, applyCallFields, callFromCreateArgs } from '../../../shared/sync/call-records';
import { isMutationName, mutationArgs, type MutationArgs, type MutationName } from '../../../shared/sync/mutations';
import { taskTransition } from '../../../shared/sync/task-status';
import { getCall, updateCall } from '../db/repositories/calls';
import { getContact } from '../db/repositories/contacts';
import { getTask } from '../db/repositories/tasks';
import type { LocalDb } from '../db/open';
import { calls, notes, reminders } from '../db/schema';
import { writeRecord } from './cache-write';

/**
 * Replays a queued mutation on the local cache: how rebase puts the agent's waiting
 * changes back on top of the server's state. The same effect the handler had when the
 * agent made the change, derived from the mutation alone. A mutation that no longer
 * applies (its call is gone, the status change is no longer legal) is skipped: the
 * server will refuse it too, and the agent sees the refusal in sync.rejections.
 */
export function replayMutation(local: LocalDb, userId: string, name: string, rawArgs: unknown): void {
  if (!isMutationName(name)) return;
  const parsed = mutationArgs[name].safeParse(rawArgs);
  if (!parsed.success) return;
  replayers[name](local, userId, parsed.data as never);
}

type Replayer<N extends MutationName> = (local: LocalDb, userId: string, args: MutationArgs<N>) => void;

const replayers: { [N in MutationName]: Replayer<N> } = {
  'call.create': (local, userId, args) => {
    if (getCall(local.db, args.id)) return;
    const created = callFromCreateArgs(args, userId);
    if (created.ok) writeRecord(local, 'calls', created.value);
  },
  'call.update': (local, _userId, args) => {
    const call = getCall(local.db, args.id);
    // The server's rule, so a replayed refinement of a reason shows only where the server keeps it.
    if (call)
      updateCall(local.db, {
        ...applyCallFields(call, args.set, applicableCallFields(call, args.set)),
        updatedAt: args.at,
      });
  },
  'call.setStatus': (local, userId, args) => {
    const call = getCall(local.db, args.id);
    if (!call) return;
    const moved = transition(call, { ...args, by: userId });
    if (moved.ok) updateCall(local.db, moved.value);
  },
  'note.add': (local, userId, args) => {
    if (local.db.select({ id: notes.id }).from(notes).where(eq(notes.id, args.id)).get()) return;
    writeRecord(local, 'notes', {
      id: args.id,
      body: args.body,
      callId: args.callId,
      related: args.related,
      authorId: userId,
      createdAt: args.at,
      isDemo: args.isDemo,
    });
  },
  'task.create': (local, userId, args) => {
    if (getTask(local.db, args.id)) return;
    const { at, ownerId, ...task } = args;
    writeRecord(local, 'tasks', { ...task, ownerId: ownerId ?? userId, status: 'Open', createdAt: at, updatedAt: at });
  },
  'task.update': (local, _userId, args) => {
    const task = getTask(local.db, args.id);
    if (task) writeRecord(local, 'tasks', { ...task, ...args.set, updatedAt: args.at });
  },
  'task.setStatus': (local, _userId, args) => {
    const task = getTask(local.db, args.id);
    if (task && taskTransition(task.status, args.to).ok) {
      writeRecord(local, 'tasks', { ...task, status: args.to, updatedAt: args.at });
    }
  },
  'reminder.set': (local, _userId, args) => {
    if (!local.db.select({ id: calls.id }).from(calls).where(eq(calls.id, args.callId)).get()) return;
    const row = { id: args.id, callId: args.callId, offsetMinutes: args.offsetMinutes, remindAt: args.remindAt };
    local.db
      .insert(reminders)
      .values({ ...row, firedAt: null, dismissedAt: null })
      .onConflictDoUpdate({ target: reminders.id, set: row })
      .run();
  },
  'reminder.update': (local, _userId, args) => {
    local.db.update(reminders).set(args.set).where(eq(reminders.id, args.id)).run();
  },
  'reminder.delete': (local, _userId, args) => {
    local.db.delete(reminders).where(eq(reminders.id, args.id)).run();
  },
  'contact.create': (local, _userId, args) => {
    if (getContact(local.db, args.id)) return;
    const { at, ...contact } = args;
    writeRecord(local, 'contacts', { ...contact, createdAt: at, updatedAt: at });
  },
  'contact.update': (local, _userId, args) => {
    const contact = getContact(local.db, args.id);
    if (contact) writeRecord(local, 'contacts', { ...contact, ...args.set, updatedAt: args.at });
  },
  // Availability lives in the line, not in the local database: nothing to replay.
  'presence.set': () => {},
};

import { and, eq } from 'drizzle-orm';
import { callBackTaskId } from '../../../shared/domain/ids';
import { ok } from '../../../shared/result';
import type { MutationArgs, TaskFields } from '../../../shared/sync/mutations';
import { taskTransition } from '../../../shared/sync/task-status';
import { canSeeCall } from '../../calls/visibility';
import { reminders, tasks, tombstones } from '../../db/schema';
import { laterOf } from '../records';
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

/**
 * The call a note, task or reminder hangs on must exist in the company and be visible to
 * the caller. Read through the transaction's scope: a batch of notes on one call reads it once.
 */
async function checkCall(mc: MutationContext, callId: string | null): Promise<MutatorResult | null> {
  if (callId === null) return null;
  const call = await mc.scope.callAccess(callId);
  if (!call) return notFound('Call', callId);
  if (!canSeeCall(mc.principal, call))
    return forbidden('You can only add to your own calls and calls you take part in.');
  return null;
}

/**
 * Notes are append-only: each is inserted once and never edited, so two editors never
 * collide. The insert is queued on the transaction's scope and written with the other
 * notes of the batch in one multi-row insert, before the transaction commits.
 */
export const addNoteMutation: Mutator<MutationArgs<'note.add'>> = async (mc, args) => {
  const refused = await checkCall(mc, args.callId);
  if (refused) return refused;
  if (await mc.scope.noteExists(args.id))
    return reject('already_exists', `A note with the id ${args.id} already exists.`);
  mc.scope.queueNote({
    companyId: mc.principal.companyId,
    id: args.id,
    body: args.body,
    callId: args.callId,
    relatedType: args.related?.type ?? null,
    relatedId: args.related?.id ?? null,
    relatedName: args.related?.name ?? null,
    authorId: mc.principal.userId,
    category: args.category,
    isDemo: args.isDemo,
    createdAt: new Date(args.at),
    version: await mc.version(),
  });
  return ok(undefined);
};

const taskFieldNames = [
  'subject',
  'dueAt',
  'priority',
  'related',
  'callId',
  'ownerId',
] as const satisfies readonly (keyof TaskFields)[];

export const createTaskMutation: Mutator<MutationArgs<'task.create'>> = async (mc, args) => {
  const refused = (await checkAssignee(mc, args.ownerId)) ?? (await checkCall(mc, args.callId));
  if (refused) return refused;
  // One statement instead of "does it exist?" then insert: a taken id inserts nothing.
  const inserted = await mc.tx
    .insert(tasks)
    .values({
      companyId: mc.principal.companyId,
      id: args.id,
      subject: args.subject,
      dueAt: args.dueAt ? new Date(args.dueAt) : null,
      status: 'Open',
      priority: args.priority,
      related: args.related,
      callId: args.callId,
      ownerId: args.ownerId ?? mc.principal.userId,
      createdBy: mc.principal.userId,
      fieldHlc: Object.fromEntries(taskFieldNames.map((field) => [field, mc.hlc])),
      isDemo: args.isDemo,
      createdAt: new Date(args.at),
      updatedAt: new Date(args.at),
      version: await mc.version(),
    })
    .onConflictDoNothing()
    .returning({ id: tasks.id });
  if (inserted.length === 0) {
    // A missed call's call-back that the server made first, from Twilio's callbacks: the
    // same task (its id derives from the call), so the desktop's create is applied as is.
    if (await isSameCallBack(mc, args)) return ok(undefined);
    return reject('already_exists', `A task with the id ${args.id} already exists.`);
  }
  return ok(undefined);
};

async function isSameCallBack(mc: MutationContext, args: MutationArgs<'task.create'>): Promise<boolean> {
  if (args.callId === null || args.id !== callBackTaskId(args.callId)) return false;
  const [row] = await mc.tx
    .select({ callId: tasks.callId })
    .from(tasks)
    .where(and(eq(tasks.companyId, mc.principal.companyId), eq(tasks.id, args.id)));
  return row?.callId === args.callId;
}

async function loadTask(mc: MutationContext, id: string) {
  const [row] = await mc.tx
    .select()
    .from(tasks)
    .where(and(eq(tasks.companyId, mc.principal.companyId), eq(tasks.id, id)))
    .for('update');
  if (!row) return notFound('Task', id);
  const { principal } = mc;
  if (principal.role === 'agent' && row.ownerId !== principal.userId && row.createdBy !== principal.userId) {
    return forbidden('You can only change your own tasks.');
  }
  return row;
}

export const updateTaskMutation: Mutator<MutationArgs<'task.update'>> = async (mc, args) => {
  const row = await loadTask(mc, args.id);
  if ('ok' in row) return row;
  const refused =
    (await checkAssignee(mc, args.set.ownerId)) ??
    (args.set.callId !== undefined ? await checkCall(mc, args.set.callId) : null);
  if (refused) return refused;
  const merge = lastWriterWins(row.fieldHlc, Object.keys(args.set) as (keyof TaskFields)[], mc.hlc);
  if (merge.won.length === 0) return ok(undefined);
  const set: Partial<typeof tasks.$inferInsert> = {};
  for (const field of merge.won) {
    if (field === 'dueAt') set.dueAt = args.set.dueAt ? new Date(args.set.dueAt) : null;
    else (set as Record<string, unknown>)[field] = args.set[field];
  }
  await mc.tx
    .update(tasks)
    .set({ ...set, fieldHlc: merge.fieldHlc, updatedAt: laterOf(row.updatedAt, args.at), version: await mc.version() })
    .where(and(eq(tasks.companyId, row.companyId), eq(tasks.id, row.id)));
  return ok(undefined);
};

/** Like call status, task status follows shared rules (task-status.ts) in arrival order. */
export const setTaskStatusMutation: Mutator<MutationArgs<'task.setStatus'>> = async (mc, args) => {
  const row = await loadTask(mc, args.id);
  if ('ok' in row) return row;
  if (row.status === args.to) return ok(undefined);
  const moved = taskTransition(row.status, args.to);
  if (!moved.ok) return reject(moved.error.code, moved.error.message);
  await mc.tx
    .update(tasks)
    .set({ status: args.to, updatedAt: laterOf(row.updatedAt, args.at), version: await mc.version() })
    .where(and(eq(tasks.companyId, row.companyId), eq(tasks.id, row.id)));
  return ok(undefined);
};

async function loadOwnReminder(mc: MutationContext, id: string) {
  const [row] = await mc.tx
    .select()
    .from(reminders)
    .where(and(eq(reminders.companyId, mc.principal.companyId), eq(reminders.id, id)))
    .for('update');
  if (!row) return notFound('Reminder', id);
  if (row.ownerId !== mc.principal.userId) return forbidden('Reminders are personal: you can only change your own.');
  return row;
}

/** Creates or reschedules one of the caller's reminders. */
export const setReminderMutation: Mutator<MutationArgs<'reminder.set'>> = async (mc, args) => {
  const refused = await checkCall(mc, args.callId);
  if (refused) return refused;
  const { companyId } = mc.principal;
  // The caller's own, or (scheduling a call) one for its owner or a teammate taking part.
  const userId = args.recipientId ?? mc.principal.userId;
  if (userId !== mc.principal.userId) {
    const call = await mc.scope.callAccess(args.callId);
    if (!call || ![call.ownerId, ...call.participantUserIds].includes(userId)) {
      return forbidden('A reminder can only go to the call’s owner or a teammate taking part in it.');
    }
  }
  const [existing] = await mc.tx
    .select({ ownerId: reminders.ownerId })
    .from(reminders)
    .where(and(eq(reminders.companyId, companyId), eq(reminders.id, args.id)));
  if (existing && existing.ownerId !== userId)
    return forbidden('Reminders are personal: you can only change your own.');
  const version = await mc.version();
  const values = {
    callId: args.callId,
    offsetMinutes: args.offsetMinutes,
    remindAt: new Date(args.remindAt),
    firedAt: null,
    dismissedAt: null,
    updatedAt: new Date(args.at),
    version,
  };
  await mc.tx
    .insert(reminders)
    .values({ companyId, id: args.id, ownerId: userId, ...values })
    .onConflictDoUpdate({ target: [reminders.companyId, reminders.id], set: values });
  // A reminder set again after a delete is alive: its old tombstone must not delete it on pull.
  await mc.tx
    .delete(tombstones)
    .where(and(eq(tombstones.companyId, companyId), eq(tombstones.entity, 'reminders'), eq(tombstones.id, args.id)));
  return ok(undefined);
};

export const updateReminderMutation: Mutator<MutationArgs<'reminder.update'>> = async (mc, args) => {
  const row = await loadOwnReminder(mc, args.id);
  if ('ok' in row) return row;
  const set: Partial<typeof reminders.$inferInsert> = {};
  if (args.set.firedAt !== undefined) set.firedAt = args.set.firedAt ? new Date(args.set.firedAt) : null;
  if (args.set.dismissedAt !== undefined)
    set.dismissedAt = args.set.dismissedAt ? new Date(args.set.dismissedAt) : null;
  await mc.tx
    .update(reminders)
    .set({ ...set, updatedAt: laterOf(row.updatedAt, args.at), version: await mc.version() })
    .where(and(eq(reminders.companyId, row.companyId), eq(reminders.id, row.id)));
  return ok(undefined);
};

/** Deleting leaves a tombstone (same version) so other desktops of the owner drop it on pull. */
export const deleteReminderMutation: Mutator<MutationArgs<'reminder.delete'>> = async (mc, args) => {
  const row = await loadOwnReminder(mc, args.id);
  if ('ok' in row) return row;
  const version = await mc.version();
  await mc.tx.delete(reminders).where(and(eq(reminders.companyId, row.companyId), eq(reminders.id, row.id)));
  const tombstone = { ownerId: row.ownerId, deletedAt: new Date(args.at), version };
  await mc.tx
    .insert(tombstones)
    .values({ companyId: row.companyId, entity: 'reminders', id: row.id, ...tombstone })
    .onConflictDoUpdate({
      target: [tombstones.companyId, tombstones.entity, tombstones.id, tombstones.ownerId],
      set: tombstone,
    });
  return ok(undefined);
};

import type { CallRecord } from '../../../shared/domain/call';
import { remindersAfterCallChange } from '../../../shared/domain/reminder-rules';
import { deleteReminders, remindersOfCall, upsertReminders } from '../db/repositories/reminders';
import type { WriteTx } from '../db/write-tx';
import type { Touched } from './local-mutators';

/**
 * The call's reminders follow the change just written to it (reminder-rules.ts: cleared
 * when Cancelled or Not Held, due again when rescheduled, handed to new participants).
 * Part of the call's own mutation, so a rebase replays it and the server, applying the
 * same rule, arrives at the same rows.
 */
export function followCall(tx: WriteTx, before: CallRecord, after: CallRecord, at: string): Touched[] {
  const plan = remindersAfterCallChange(remindersOfCall(tx.db, after.id), before, after, at);
  upsertReminders(tx, plan.upsert);
  deleteReminders(
    tx,
    plan.remove.map((r) => r.id),
  );
  return [...plan.upsert, ...plan.remove].map((r) => ({ entity: 'reminders' as const, id: r.id }));
}

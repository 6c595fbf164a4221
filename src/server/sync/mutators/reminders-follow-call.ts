import { and, eq, inArray } from 'drizzle-orm';
import type { CallRecord } from '../../../shared/domain/call';
import { remindersAfterCallChange } from '../../../shared/domain/reminder-rules';
import { reminders, tombstones } from '../../db/schema';
import { reminderOf } from '../records';
import type { MutationContext } from './types';

/**
 * The server's half of the reminder rule (shared/domain/reminder-rules.ts), applied after
 * each change of a call's status, planned time or people: the same plan the desktop's
 * local mutator makes, written for every recipient, whoever made the change. A removed
 * recipient's rows leave a tombstone for their own pulls only.
 */
export async function followCall(mc: MutationContext, before: CallRecord, after: CallRecord, at: string) {
  const companyId = mc.principal.companyId;
  const rows = await mc.tx
    .select()
    .from(reminders)
    .where(and(eq(reminders.companyId, companyId), eq(reminders.callId, after.id)));
  if (rows.length === 0) return;
  const plan = remindersAfterCallChange(rows.map(reminderOf), before, after, at);
  if (plan.upsert.length === 0 && plan.remove.length === 0) return;
  const version = await mc.version();
  for (const row of plan.upsert) {
    const values = {
      callId: row.callId,
      ownerId: row.recipientId,
      offsetMinutes: row.offsetMinutes,
      remindAt: new Date(row.remindAt),
      firedAt: row.firedAt ? new Date(row.firedAt) : null,
      dismissedAt: row.dismissedAt ? new Date(row.dismissedAt) : null,
      updatedAt: new Date(at),
      version,
    };
    await mc.tx
      .insert(reminders)
      .values({ companyId, id: row.id, ...values })
      .onConflictDoUpdate({ target: [reminders.companyId, reminders.id], set: values });
  }
  if (plan.remove.length === 0) return;
  await mc.tx.delete(reminders).where(
    and(
      eq(reminders.companyId, companyId),
      inArray(
        reminders.id,
        plan.remove.map((r) => r.id),
      ),
    ),
  );
  for (const row of plan.remove) {
    const tombstone = { ownerId: row.recipientId, deletedAt: new Date(at), version };
    await mc.tx
      .insert(tombstones)
      .values({ companyId, entity: 'reminders', id: row.id, ...tombstone })
      .onConflictDoUpdate({
        target: [tombstones.companyId, tombstones.entity, tombstones.id, tombstones.ownerId],
        set: tombstone,
      });
  }
}

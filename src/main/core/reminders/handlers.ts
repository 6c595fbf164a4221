import type { Handlers } from '../api/dispatch';
import type { CoreClock, ManualClock } from '../clock';
import { dueRemindersFor, remindersOfCall, ringingReminders } from '../db/repositories/reminders';
import { reminders } from '../db/schema';
import { CoreError } from '../errors';
import { nowIso, orNotFound, type HandlerContext } from '../handler-context';
import { commit } from '../sync/mutate';
import { eq } from 'drizzle-orm';
import { describeAll } from './due-reminders';

export type ReminderHandlers = Pick<
  Handlers,
  'reminders.ringing' | 'reminders.ofCall' | 'reminders.snooze' | 'reminders.dismiss' | 'dev.clock.advance'
>;

export function reminderHandlers(ctx: HandlerContext, clock: CoreClock): ReminderHandlers {
  const { db } = ctx.local;
  const mine = (id: string) => {
    const row = orNotFound(db.select().from(reminders).where(eq(reminders.id, id)).get() ?? null, 'Reminder', id);
    if (row.recipientId !== '' && row.recipientId !== ctx.userId) {
      throw new CoreError('forbidden', 'That reminder is a teammate’s: only they can snooze or dismiss it.');
    }
    return row;
  };
  return {
    'reminders.ringing': () => {
      const ringing = ringingReminders(db, ctx.userId);
      // Due but not marked yet (the scheduler marks them within the same tick): shown too.
      const due = dueRemindersFor(db, ctx.userId, nowIso(ctx)).filter((r) => !ringing.some((x) => x.id === r.id));
      return { items: describeAll(db, [...ringing, ...due]) };
    },
    'reminders.ofCall': ({ callId }) => ({
      items: remindersOfCall(db, callId).filter((r) => r.recipientId === '' || r.recipientId === ctx.userId),
    }),
    'reminders.snooze': ({ id, minutes }) => {
      const row = mine(id);
      const at = nowIso(ctx);
      const remindAt = new Date(ctx.now().getTime() + minutes * 60_000).toISOString();
      commit(ctx, [
        {
          name: 'reminder.set',
          args: { id, callId: row.callId, offsetMinutes: row.offsetMinutes, remindAt, at },
        },
      ]);
      return { remindAt };
    },
    'reminders.dismiss': ({ id }) => {
      mine(id);
      const at = nowIso(ctx);
      commit(ctx, [{ name: 'reminder.update', args: { id, set: { dismissedAt: at }, at } }]);
      return {};
    },
    'dev.clock.advance': ({ ms }) => {
      if (clock.kind !== 'manual') {
        throw new CoreError('not_manual_clock', 'The clock can only be moved when the core runs on a manual clock.');
      }
      (clock as ManualClock).advance(ms);
      return { now: nowIso(ctx) };
    },
  };
}

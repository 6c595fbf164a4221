import type { CoreClock } from '../clock';
import { dueRemindersFor, nextPendingReminder } from '../db/repositories/reminders';
import type { HandlerContext } from '../handler-context';
import { commit } from '../sync/mutate';
import { describeAll } from './due-reminders';

/**
 * The one reminder scheduler: a single timer for the agent's earliest pending reminder,
 * never one per reminder (there may be a hundred thousand). It re-arms after every
 * change of calls or reminders (a reschedule, a sync that brought a teammate's
 * invitation, a snooze), when the clock jumps, and at least every 30 seconds, so a
 * machine that slept or whose clock was changed is noticed within half a minute.
 *
 * When reminders come due they are marked fired through the write path (so the agent's
 * other desktops stop ringing them too) and announced with `reminder.due`. At start,
 * those that came due while the app was closed are announced once, as such.
 */
export const MAX_TIMER_MS = 30_000;

export interface ReminderScheduler {
  /** Finds the next pending reminder and sets the one timer for it. */
  arm(): void;
  /** The instant the timer is armed for, or null (nothing pending). */
  armedFor(): string | null;
  close(): void;
}

export function createReminderScheduler(deps: { ctx: HandlerContext; clock: CoreClock }): ReminderScheduler {
  const { ctx, clock } = deps;
  let timer: unknown = null;
  let armedAt: string | null = null;
  let closed = false;
  let firing = false;
  const startedAt = clock.now().toISOString();
  let startupDone = false;

  const clear = () => {
    if (timer !== null) clock.clearTimer(timer);
    timer = null;
  };

  function fire(): void {
    firing = true;
    try {
      const now = clock.now().toISOString();
      const due = dueRemindersFor(ctx.local.db, ctx.userId, now);
      if (due.length === 0) return;
      // Those due by the time the app started came due while it was closed: said as such, once.
      const whileClosed = !startupDone ? due.filter((r) => r.remindAt <= startedAt) : [];
      const rest = due.filter((r) => !whileClosed.includes(r));
      commit(
        ctx,
        due.map((r) => ({ name: 'reminder.update' as const, args: { id: r.id, set: { firedAt: now }, at: now } })),
      );
      if (whileClosed.length > 0) {
        ctx.events.emit('reminder.due', { items: describeAll(ctx.local.db, whileClosed), whileClosed: true });
      }
      if (rest.length > 0)
        ctx.events.emit('reminder.due', { items: describeAll(ctx.local.db, rest), whileClosed: false });
    } finally {
      startupDone = true;
      firing = false;
    }
  }

  function arm(): void {
    if (closed || firing) return;
    clear();
    armedAt = nextPendingReminder(ctx.local.db, ctx.userId);
    if (armedAt === null) {
      startupDone = true;
      return;
    }
    const wait = Date.parse(armedAt) - clock.now().getTime();
    if (wait <= 0) {
      fire();
      arm();
      return;
    }
    startupDone = true;
    timer = clock.setTimer(arm, Math.min(wait, MAX_TIMER_MS));
  }

  const unsubscribe = ctx.events.subscribe((name, payload) => {
    if (name === 'session.changed') arm();
    if (name === 'data.changed' && ['call', 'demo'].includes((payload as { entity: string }).entity)) arm();
  });
  const unjump = clock.onJump(arm);

  return {
    arm,
    armedFor: () => armedAt,
    close() {
      closed = true;
      clear();
      unsubscribe();
      unjump();
    },
  };
}

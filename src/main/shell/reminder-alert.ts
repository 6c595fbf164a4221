import type { DueReminder } from '../../shared/api/reminders';
import { reminderLabel } from '../../shared/domain/reminder-rules';
import type { EventListener } from '../core/events';
import type { Notifier } from './notifications';

/**
 * A reminder that comes due is an OS notification as well as the console's banner, so
 * the agent hears of it from another app; clicking it brings the console (with the
 * banner's Call now, Snooze and Dismiss) forward. Reminders that came due while the app
 * was closed are one notification, said as such.
 */
export function wireReminderAlerts(deps: {
  subscribe: (listener: EventListener) => () => void;
  notifier: Notifier;
  /** Opens a screen of the console (a click on the notification): the reminder's call. */
  navigate?: (hash: string) => void;
}): () => void {
  // While a call rings, its notification is the one the agent must see: a reminder
  // shown then would sit on top of it (or, under Do Not Disturb, be what breaks
  // through), so reminders wait until the call stops ringing.
  let ringing = false;
  let held: { items: DueReminder[]; whileClosed: boolean }[] = [];
  const click = (hash: string) => (deps.navigate ? { onClick: () => deps.navigate?.(hash) } : {});
  const show = ({ items, whileClosed }: { items: DueReminder[]; whileClosed: boolean }) => {
    if (items.length === 0) return;
    if (whileClosed) {
      deps.notifier.notify({
        title: 'Reminders while Switchboard was closed',
        body: items.map((r) => r.subject).join(' · '),
        ...click('#/calls'),
      });
      return;
    }
    for (const r of items) {
      deps.notifier.notify({
        title: `Call reminder: ${r.subject}`,
        body: describeReminder(r),
        ...click(`#/calls/${r.callId}`),
      });
    }
  };
  return deps.subscribe((name, payload) => {
    if (name === 'line.changed') {
      ringing = (payload as { phase?: string }).phase === 'ringing-in';
      if (!ringing && held.length > 0) {
        const waiting = held;
        held = [];
        waiting.forEach(show);
      }
    } else if (name === 'reminder.due') {
      const due = payload as { items: DueReminder[]; whileClosed: boolean };
      if (ringing) held.push(due);
      else show(due);
    }
  });
}

/** "30 minutes before · Acme Corp" */
export function describeReminder(r: DueReminder): string {
  return [reminderLabel(r.offsetMinutes), r.relatedName].filter(Boolean).join(' · ');
}

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
}): () => void {
  return deps.subscribe((name, payload) => {
    if (name !== 'reminder.due') return;
    const { items, whileClosed } = payload as { items: DueReminder[]; whileClosed: boolean };
    if (items.length === 0) return;
    if (whileClosed) {
      deps.notifier.notify({
        title: 'Reminders while Switchboard was closed',
        body: items.map((r) => r.subject).join(' · '),
      });
      return;
    }
    for (const r of items) deps.notifier.notify({ title: `Call reminder: ${r.subject}`, body: describeReminder(r) });
  });
}

/** "30 minutes before · Acme Corp" */
export function describeReminder(r: DueReminder): string {
  return [reminderLabel(r.offsetMinutes), r.relatedName].filter(Boolean).join(' · ');
}

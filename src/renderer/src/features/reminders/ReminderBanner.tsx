import { useEffect } from 'react';
import type { DueReminder } from '../../../../shared/api/reminders';
import { reminderLabel } from '../../../../shared/domain/reminder-rules';
import { call, errorMessage, onEvent } from '../../bridge/client';
import { useQuery } from '../../bridge/use-query';
import { useUi } from '../../state/ui-store';
import { formatInstant } from '../../ui/format';
import { requestDial } from '../line/dial-store';
import './reminders.css';

function when(r: DueReminder): string {
  if (!r.plannedUtc) return reminderLabel(r.offsetMinutes);
  return `${r.offsetMinutes === 0 ? 'Now' : reminderLabel(r.offsetMinutes)} · planned ${formatInstant(r.plannedUtc)}`;
}

/**
 * Reminders that came due, until the agent acts on them: Call now (the dial flow with
 * the call's number), Snooze 5 or 10 minutes, Dismiss. Shown in every host; the
 * Electron shell adds an OS notification for each (reminder-alert.ts).
 */
export function ReminderBanner() {
  const ringing = useQuery('reminders.ringing', {}, ['call']);
  const navigate = useUi((s) => s.navigate);
  const toast = useUi((s) => s.toast);
  const { refetch } = ringing;
  useEffect(
    () =>
      onEvent('reminder.due', (due) => {
        refetch();
        if (due.whileClosed) toast('info', `${due.items.length} reminder(s) came due while Switchboard was closed.`);
      }),
    [refetch, toast],
  );
  const items = ringing.data?.items ?? [];
  if (items.length === 0) return null;
  const act = (promise: Promise<unknown>) => promise.then(refetch, (e) => toast('error', errorMessage(e)));

  return (
    <section className="reminder-banner" aria-label="Reminders" aria-live="polite">
      {items.map((r) => (
        <div key={r.id} className="reminder" data-reminder-id={r.id}>
          <div className="reminder-text">
            <button className="link-button reminder-subject" onClick={() => navigate({ view: 'calls', id: r.callId })}>
              {r.subject}
            </button>
            <span className="reminder-when">
              {when(r)}
              {r.relatedName ? ` · ${r.relatedName}` : ''}
            </span>
          </div>
          <div className="reminder-actions">
            {r.number && (
              <button className="primary" onClick={() => void requestDial(r.number!, 'ui')}>
                Call now
              </button>
            )}
            <button onClick={() => void act(call('reminders.snooze', { id: r.id, minutes: 5 }))}>Snooze 5 min</button>
            <button onClick={() => void act(call('reminders.snooze', { id: r.id, minutes: 10 }))}>Snooze 10 min</button>
            <button onClick={() => void act(call('reminders.dismiss', { id: r.id }))}>Dismiss</button>
          </div>
        </div>
      ))}
    </section>
  );
}

import { describe, expect, it } from 'vitest';
import type { DueReminder } from '../../../src/shared/api/reminders';
import { createEventBus } from '../../../src/main/core/events';
import { wireReminderAlerts } from '../../../src/main/shell/reminder-alert';
import type { NotifyOptions } from '../../../src/main/shell/notifications';

const due = (subject: string, offsetMinutes: number): DueReminder => ({
  id: `r-${subject}`,
  callId: `c-${subject}`,
  subject,
  plannedUtc: '2026-03-10T15:00:00.000Z',
  plannedZone: 'UTC',
  offsetMinutes,
  remindAt: '2026-03-10T14:30:00.000Z',
  number: null,
  relatedName: 'Acme Corp',
});

describe('reminder OS notifications', () => {
  it('one notification per reminder that comes due; those due while closed as one, said as such', () => {
    const events = createEventBus();
    const shown: NotifyOptions[] = [];
    const unwire = wireReminderAlerts({
      subscribe: (listener) => events.subscribe(listener),
      notifier: { notify: (options) => (shown.push(options), { close() {} }) },
    });
    events.emit('reminder.due', { items: [due('Renewal', 30)], whileClosed: false });
    events.emit('reminder.due', { items: [due('Kickoff', 15), due('Review', 0)], whileClosed: true });
    expect(shown).toEqual([
      { title: 'Call reminder: Renewal', body: '30 minutes before · Acme Corp' },
      { title: 'Reminders while Switchboard was closed', body: 'Kickoff · Review' },
    ]);
    unwire();
    events.emit('reminder.due', { items: [due('Later', 5)], whileClosed: false });
    expect(shown).toHaveLength(2);
  });
});

import { describe, expect, it } from 'vitest';
import type { EventListener } from '../../../src/main/core/events';
import { wireIncomingCallAlerts } from '../../../src/main/shell/incoming-call-alert';
import type { NotifyOptions } from '../../../src/main/shell/notifications';
import { wireReminderAlerts } from '../../../src/main/shell/reminder-alert';
import { wireSyncAlerts } from '../../../src/main/shell/sync-alert';
import type { DueReminder } from '../../../src/shared/api/reminders';

/** The core's bus, a notifier that records, and where each click led. */
function rig() {
  // The shell's alert modules only listen; payloads here are the parts they read.
  const listeners = new Set<EventListener>();
  const events = { emit: (name: string, payload: unknown) => listeners.forEach((l) => l(name as never, payload)) };
  const shown: NotifyOptions[] = [];
  const went: string[] = [];
  const notifier = { notify: (options: NotifyOptions) => (shown.push(options), { close() {} }) };
  const subscribe = (listener: EventListener) => (listeners.add(listener), () => listeners.delete(listener));
  const navigate = (hash: string) => went.push(hash);
  const click = (title: string | RegExp) => {
    const found = shown.find((n) => (typeof title === 'string' ? n.title === title : title.test(n.title)));
    if (!found?.onClick) throw new Error(`no clickable notification ${String(title)}`);
    found.onClick();
  };
  return { events, shown, went, notifier, subscribe, navigate, click };
}

const due = (subject: string): DueReminder => ({
  id: `r-${subject}`,
  callId: `c-${subject}`,
  subject,
  plannedUtc: '2026-03-10T15:00:00.000Z',
  plannedZone: 'UTC',
  offsetMinutes: 15,
  remindAt: '2026-03-10T14:45:00.000Z',
  number: null,
  relatedName: null,
});
const emit = (events: { emit: (name: string, payload: unknown) => void }, name: string, payload: unknown) =>
  events.emit(name, payload);
const pop = { number: '+14155550123', numberDisplay: '+1 415 555 0123', matches: [], numberLocalTime: null };

describe('a click on a notification opens the right screen', () => {
  it('incoming call → the calls (with the pop); missed call → that missed call; reminder → its call', () => {
    const r = rig();
    wireIncomingCallAlerts({
      subscribe: r.subscribe,
      notifier: r.notifier,
      isConsoleFocused: () => false,
      navigate: r.navigate,
    });
    wireReminderAlerts({ subscribe: r.subscribe, notifier: r.notifier, navigate: r.navigate });
    emit(r.events, 'line.incoming', { pop });
    r.click('Incoming call');
    emit(r.events, 'line.changed', { phase: 'idle' });
    emit(r.events, 'call.missed', {
      callId: 'c9',
      caller: 'Ada',
      reason: 'missed',
      availability: 'Available',
      taskId: null,
      at: 'x',
    });
    r.click('Missed call');
    emit(r.events, 'reminder.due', { items: [due('Renewal')], whileClosed: false });
    r.click('Call reminder: Renewal');
    emit(r.events, 'reminder.due', { items: [due('A'), due('B')], whileClosed: true });
    r.click('Reminders while Switchboard was closed');
    expect(r.went).toEqual(['#/calls', '#/missed/c9', '#/calls/c-Renewal', '#/calls']);
  });

  it('a session that ended → Settings, once until it is fixed; a change refused for good → Settings', () => {
    const r = rig();
    wireSyncAlerts({ subscribe: r.subscribe, notifier: r.notifier, navigate: r.navigate });
    const status = (over: Record<string, unknown>) => ({
      state: 'online',
      pending: 0,
      lastSyncAt: null,
      lastError: null,
      rejected: 0,
      directory: { phase: 'done', downloaded: 0 },
      ...over,
    });
    const ended = {
      code: 'session_expired',
      message: 'Your session with the CRM server ended. Sign in again to keep syncing.',
    };
    emit(
      r.events,
      'sync.changed',
      status({ state: 'offline', lastError: { code: 'offline', message: 'No network.' } }),
    );
    expect(r.shown).toEqual([]);
    emit(r.events, 'sync.changed', status({ state: 'signed-out', lastError: ended }));
    emit(r.events, 'sync.changed', status({ state: 'signed-out', lastError: ended }));
    expect(r.shown.map((n) => n.title)).toEqual(['Sync needs you']);
    expect(r.shown[0]!.body).toBe(ended.message);
    r.click('Sync needs you');
    emit(r.events, 'sync.changed', status({ rejected: 1 }));
    emit(r.events, 'sync.changed', status({ rejected: 1 }));
    r.click('The CRM server refused a change');
    expect(r.shown).toHaveLength(2);
    expect(r.went).toEqual(['#/settings', '#/settings']);
  });
});

describe('Do Not Disturb interplay', () => {
  it('a reminder due while a call rings waits until it stops ringing: the call’s notification stays on top', () => {
    const r = rig();
    wireIncomingCallAlerts({ subscribe: r.subscribe, notifier: r.notifier, isConsoleFocused: () => false });
    wireReminderAlerts({ subscribe: r.subscribe, notifier: r.notifier });
    emit(r.events, 'line.incoming', { pop });
    emit(r.events, 'line.changed', { phase: 'ringing-in' });
    emit(r.events, 'reminder.due', { items: [due('Renewal')], whileClosed: false });
    expect(r.shown.map((n) => n.title)).toEqual(['Incoming call']);
    expect(r.shown[0]).toMatchObject({ urgent: true });
    emit(r.events, 'line.changed', { phase: 'in-progress' });
    expect(r.shown.map((n) => n.title)).toEqual(['Incoming call', 'Call reminder: Renewal']);
    // Not shown twice afterwards.
    emit(r.events, 'line.changed', { phase: 'idle' });
    expect(r.shown).toHaveLength(2);
  });
});

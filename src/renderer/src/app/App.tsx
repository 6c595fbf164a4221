import { lazy, Suspense } from 'react';
import { CallsView } from '../features/calls/CallsView';
import { ContactsView } from '../features/contacts/ContactsView';
import { DialSheet } from '../features/line/DialSheet';
import { MissedCallsView } from '../features/missed/MissedCallsView';
import { useMissedCallAlerts } from '../features/missed/missed-alerts';
import { ComposeSmsSheet } from '../features/sms/ComposeSmsSheet';
import { useSmsAlerts } from '../features/sms/sms-alerts';
import { PhoneDock } from '../features/line/PhoneDock';
import { ReminderBanner } from '../features/reminders/ReminderBanner';
import { ScheduleView } from '../features/schedule/ScheduleView';
import { SettingsView } from '../features/settings/SettingsView';
import { LoginSheet } from '../features/sync/LoginSheet';
import { TasksView } from '../features/tasks/TasksView';
import { TriageView } from '../features/triage/TriageView';
import { useQuery } from '../bridge/use-query';
import { useShellNavigation } from '../features/desktop/shell-navigation';
import { useUi } from '../state/ui-store';
import { setDisplayZone } from '../ui/format';
import { NavRail } from './NavRail';
import { SkipLink } from './SkipLink';
import { Toasts } from './Toasts';
import { TopBar } from './TopBar';

/**
 * The dashboard, with recharts and the d3 modules under it, is loaded when first opened:
 * about 420 KB of the 985 KB the console loaded at every start, for a view agents
 * rarely open. A separate chunk from the same origin, so the CSP's script-src 'self' allows it.
 */
const DashboardView = lazy(() =>
  import('../features/dashboard/DashboardView').then((module) => ({ default: module.DashboardView })),
);

export function App() {
  const view = useUi((s) => s.route.view);
  // Set during render, before the views below format any time; a settings change
  // re-renders the whole tree, so every time shown follows it.
  const settings = useQuery('settings.get', {}, ['settings']);
  setDisplayZone(settings.data?.timeZone);
  useMissedCallAlerts();
  useSmsAlerts();
  useShellNavigation();

  return (
    <div className="app">
      <SkipLink target="main-content" />
      <NavRail />
      <div className="workspace">
        <TopBar />
        <ReminderBanner />
        <main className="content" id="main-content" tabIndex={-1}>
          {view === 'dashboard' && (
            <Suspense fallback={<p role="status">Opening the dashboard…</p>}>
              <DashboardView />
            </Suspense>
          )}
          {view === 'calls' && <CallsView />}
          {view === 'triage' && <TriageView />}
          {view === 'missed' && <MissedCallsView />}
          {view === 'contacts' && <ContactsView />}
          {view === 'schedule' && <ScheduleView />}
          {view === 'tasks' && <TasksView />}
          {view === 'settings' && <SettingsView />}
        </main>
      </div>
      <PhoneDock />
      <DialSheet />
      <ComposeSmsSheet />
      <LoginSheet />
      <Toasts />
    </div>
  );
}

import { CallsView } from '../features/calls/CallsView';
import { ContactsView } from '../features/contacts/ContactsView';
import { ScheduleView } from '../features/schedule/ScheduleView';
import { SettingsView } from '../features/settings/SettingsView';
import { TasksView } from '../features/tasks/TasksView';
import { useUi } from '../state/ui-store';
import { DialRequestBanner } from './DialRequestBanner';
import { NavRail } from './NavRail';
import { Toasts } from './Toasts';
import { TopBar } from './TopBar';

export function App() {
  const view = useUi((s) => s.route.view);

  return (
    <div className="app">
      <NavRail />
      <div className="workspace">
        <TopBar />
        <DialRequestBanner />
        <main className="content">
          {view === 'calls' && <CallsView />}
          {view === 'contacts' && <ContactsView />}
          {view === 'schedule' && <ScheduleView />}
          {view === 'tasks' && <TasksView />}
          {view === 'settings' && <SettingsView />}
        </main>
      </div>
      <Toasts />
    </div>
  );
}

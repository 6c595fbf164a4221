import { Fragment } from 'react';
import { useQuery } from '../bridge/use-query';
import { useUi, type View } from '../state/ui-store';
import { Icon, type IconName } from '../ui/Icon';
import '../features/missed/missed-calls.css';
import { PinnedViews } from '../features/calls/table/PinnedViews';

const items: { view: View; label: string; icon: IconName }[] = [
  { view: 'calls', label: 'Calls', icon: 'phone' },
  { view: 'triage', label: 'Triage', icon: 'triage' },
  { view: 'dashboard', label: 'Dashboard', icon: 'chart' },
  { view: 'missed', label: 'Missed', icon: 'missed' },
  { view: 'contacts', label: 'Contacts', icon: 'user' },
  { view: 'schedule', label: 'Schedule', icon: 'calendar' },
  { view: 'tasks', label: 'Tasks', icon: 'check' },
  { view: 'settings', label: 'Settings', icon: 'settings' },
];

export function NavRail() {
  const current = useUi((s) => s.route.view);
  const navigate = useUi((s) => s.navigate);
  // The badge: missed calls whose call-back task is still open.
  const missed = useQuery('calls.missed', { unhandledOnly: true, limit: 1 }, ['call', 'task']);
  const unhandled = missed.data?.unhandled ?? 0;
  // Customers' texts not read yet: their threads are in the contacts' timelines.
  const texts = useQuery('sms.unread', {}, ['message']);
  const unread = texts.data?.unread ?? 0;
  return (
    <nav className="nav-rail" aria-label="Main">
      <div className="brand" title="Switchboard">
        SB
      </div>
      {items.map((item) => (
        <Fragment key={item.view}>
          <button
            className={`nav-item${current === item.view ? ' active' : ''}`}
            aria-current={current === item.view ? 'page' : undefined}
            onClick={() => navigate({ view: item.view })}
          >
            <span className="nav-icon">
              <Icon name={item.icon} size={20} />
              {item.view === 'missed' && unhandled > 0 && (
                <span className="nav-badge" data-testid="missed-badge">
                  {unhandled > 99 ? '99+' : unhandled}
                  <span className="visually-hidden"> to call back</span>
                </span>
              )}
              {item.view === 'contacts' && unread > 0 && (
                <span className="nav-badge" data-testid="sms-badge">
                  {unread > 99 ? '99+' : unread}
                  <span className="visually-hidden"> unread texts</span>
                </span>
              )}
            </span>
            <span className="nav-label">{item.label}</span>
          </button>
          {/* The agent's pinned views sit under Calls, each with its live count. */}
          {item.view === 'calls' && <PinnedViews />}
        </Fragment>
      ))}
    </nav>
  );
}

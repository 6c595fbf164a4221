import { useUi, type View } from '../state/ui-store';
import { Icon, type IconName } from '../ui/Icon';

const items: { view: View; label: string; icon: IconName }[] = [
  { view: 'calls', label: 'Calls', icon: 'phone' },
  { view: 'contacts', label: 'Contacts', icon: 'user' },
  { view: 'schedule', label: 'Schedule', icon: 'calendar' },
  { view: 'tasks', label: 'Tasks', icon: 'check' },
  { view: 'settings', label: 'Settings', icon: 'settings' },
];

export function NavRail() {
  const current = useUi((s) => s.route.view);
  const navigate = useUi((s) => s.navigate);
  return (
    <nav className="nav-rail" aria-label="Main">
      <div className="brand" title="Switchboard">
        SB
      </div>
      {items.map((item) => (
        <button
          key={item.view}
          className={`nav-item${current === item.view ? ' active' : ''}`}
          aria-current={current === item.view ? 'page' : undefined}
          onClick={() => navigate({ view: item.view })}
        >
          <span className="nav-icon">
            <Icon name={item.icon} size={20} />
          </span>
          <span className="nav-label">{item.label}</span>
        </button>
      ))}
    </nav>
  );
}

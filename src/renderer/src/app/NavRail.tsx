import { useUi, type View } from '../state/ui-store';

const items: { view: View; label: string; icon: string }[] = [
  { view: 'calls', label: 'Calls', icon: '☎' },
  { view: 'contacts', label: 'Contacts', icon: '👤' },
  { view: 'schedule', label: 'Schedule', icon: '🗓' },
  { view: 'tasks', label: 'Tasks', icon: '✓' },
  { view: 'settings', label: 'Settings', icon: '⚙' },
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
          <span className="nav-icon" aria-hidden="true">
            {item.icon}
          </span>
          <span className="nav-label">{item.label}</span>
        </button>
      ))}
    </nav>
  );
}

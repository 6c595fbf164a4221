import { useQuery } from '../bridge/use-query';
import { SyncIndicator } from '../features/sync/SyncIndicator';
import { useSync } from '../features/sync/sync-store';

export function TopBar() {
  const info = useQuery('app.info', {}, []);
  const settings = useQuery('settings.get', {}, ['settings']);
  const user = useSync((s) => s.session?.user);
  return (
    <header className="top-bar">
      <div className="agent">
        <span className="agent-name">{user?.displayName ?? settings.data?.agentName ?? 'Agent'}</span>
        {user && <span className="muted"> · {user.role}</span>}
      </div>
      <div className="top-bar-status">
        <SyncIndicator />
        {info.data && (
          <span className="pill" title="The phone line in use">
            <span className={`dot ${info.data.line === 'simulated' ? 'dot-sim' : 'dot-ok'}`} />
            {info.data.line === 'simulated' ? 'Simulated line' : 'Twilio'}
          </span>
        )}
        {info.data?.host === 'browser' && (
          <span className="pill muted" title="Core running in Node, UI in a browser">
            Browser mode
          </span>
        )}
      </div>
    </header>
  );
}

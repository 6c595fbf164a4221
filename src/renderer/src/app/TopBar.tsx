import { useQuery } from '../bridge/use-query';
import { SyncIndicator } from '../features/sync/SyncIndicator';
import { useLine } from '../features/line/line-store';
import { readinessWords, useReadiness } from '../features/line/readiness-store';
import { useSync } from '../features/sync/sync-store';
import { useUi } from '../state/ui-store';
import '../features/tasks/tasks.css';

const lineDot = { ready: 'dot-ok', degraded: 'dot-warn', 'not-ready': 'dot-bad' } as const;

export function TopBar() {
  const info = useQuery('app.info', {}, []);
  const settings = useQuery('settings.get', {}, ['settings']);
  const user = useSync((s) => s.session?.user);
  // The line follows the company's configuration live (sign-in, sign-out): the line snapshot has it.
  const line = useLine((s) => s.snapshot?.line) ?? info.data?.line;
  // The Twilio line's dot says whether calls can reach the agent (the dock says why not).
  const level = useReadiness((s) => s.readiness?.level) ?? 'ready';
  const followUps = useQuery('followUps.list', {}, ['task', 'call']);
  const navigate = useUi((s) => s.navigate);
  const overdue = followUps.data?.overdue ?? 0;
  const agentName = user?.displayName ?? settings.data?.agentName ?? 'Agent';
  return (
    <header className="top-bar">
      <div className="agent" title={user ? `${agentName} · ${user.role}` : agentName}>
        <span className="agent-name">{agentName}</span>
        {user && <span className="muted"> · {user.role}</span>}
      </div>
      <div className="top-bar-status">
        {overdue > 0 && (
          <button className="pill overdue-pill" onClick={() => navigate({ view: 'tasks' })} data-testid="overdue-count">
            {overdue} overdue follow-up{overdue === 1 ? '' : 's'}
          </button>
        )}
        <SyncIndicator />
        {line && (
          <span className="pill" title={`The phone line in use: ${readinessWords[level].toLowerCase()}`}>
            <span className={`dot ${line === 'simulated' ? 'dot-sim' : lineDot[level]}`} />
            {line === 'simulated' ? 'Simulated line' : 'Twilio line'}
          </span>
        )}
        {info.data?.host === 'browser' && (
          <span className="pill muted browser-mode-pill" title="Core running in Node, UI in a browser">
            Browser mode
          </span>
        )}
      </div>
    </header>
  );
}

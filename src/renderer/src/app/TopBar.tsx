import { useQuery } from '../bridge/use-query';

export function TopBar() {
  const info = useQuery('app.info', {}, []);
  const settings = useQuery('settings.get', {}, ['settings']);
  return (
    <header className="top-bar">
      <div className="agent">
        <span className="agent-name">{settings.data?.agentName ?? 'Agent'}</span>
      </div>
      <div className="top-bar-status">
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

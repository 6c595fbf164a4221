import { useState } from 'react';
import type { CallStatus } from '../../../../shared/domain/call';
import { callStatusLabel } from '../../../../shared/domain/call';
import { useQuery } from '../../bridge/use-query';
import { useUi } from '../../state/ui-store';
import { CallDetail } from './CallDetail';
import { CallList } from './CallList';
import { NewCallSheet } from './NewCallSheet';

const statuses: CallStatus[] = ['Planned', 'Held', 'NotHeld', 'Cancelled'];

export function CallsView() {
  const route = useUi((s) => s.route);
  const navigate = useUi((s) => s.navigate);
  const newCallOpen = useUi((s) => s.newCallOpen);
  const setNewCallOpen = useUi((s) => s.setNewCallOpen);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<CallStatus | 'all'>('all');

  const list = useQuery(
    'calls.list',
    {
      limit: 500,
      ...(search.trim() ? { search: search.trim() } : {}),
      ...(status === 'all' ? {} : { status: [status] }),
    },
    ['call'],
  );

  return (
    <div className="split">
      <section className="list-pane" aria-label="Call log">
        {/* The page's title for screen readers; the rail already shows where the agent is. */}
        <h1 className="visually-hidden">Calls</h1>
        <div className="pane-toolbar">
          <input
            type="search"
            placeholder="Search calls"
            title="Search by subject, name, note or phone number"
            aria-label="Search calls"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <button className="primary" onClick={() => setNewCallOpen(true)}>
            New call
          </button>
        </div>
        <div className="chips" role="group" aria-label="Filter by status">
          {(['all', ...statuses] as const).map((s) => (
            <button
              key={s}
              className={`chip${status === s ? ' active' : ''}`}
              aria-pressed={status === s}
              onClick={() => setStatus(s)}
            >
              {s === 'all' ? 'All' : callStatusLabel[s]}
            </button>
          ))}
        </div>
        {list.error && <p className="error-text">{list.error.message}</p>}
        <CallList
          calls={list.data?.items ?? []}
          selectedId={route.id}
          onSelect={(id) => navigate({ view: 'calls', id })}
        />
        <footer className="pane-footer">
          {list.data ? `${list.data.items.length} of ${list.data.total} calls` : 'Loading…'}
        </footer>
      </section>
      <section className="detail-pane" aria-label="Call detail">
        {route.id ? <CallDetail id={route.id} /> : <p className="empty">Select a call to see its details.</p>}
      </section>
      {newCallOpen && (
        <NewCallSheet
          onClose={() => setNewCallOpen(false)}
          onCreated={(id) => {
            setNewCallOpen(false);
            navigate({ view: 'calls', id });
          }}
        />
      )}
    </div>
  );
}

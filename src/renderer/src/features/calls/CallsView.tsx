import { useEffect } from 'react';
import { useQuery } from '../../bridge/use-query';
import { useUi } from '../../state/ui-store';
import { Icon } from '../../ui/Icon';
import { CallDetail } from './CallDetail';
import { NewCallSheet } from './NewCallSheet';
import { BulkBar } from './table/BulkBar';
import { CallTable } from './table/CallTable';
import { FilterBar } from './table/FilterBar';
import { TableToolbar } from './table/TableToolbar';
import { ViewsBar } from './table/ViewsBar';
import { useCallTable } from './table/table-store';
import { useCallPages } from './table/use-call-pages';
import './table/call-table.css';

/**
 * The calls table over the whole local log, and the open call's detail beside it. The
 * table takes the full width until a call is opened.
 */
export function CallsView() {
  const route = useUi((s) => s.route);
  const navigate = useUi((s) => s.navigate);
  const newCallOpen = useUi((s) => s.newCallOpen);
  const setNewCallOpen = useUi((s) => s.setNewCallOpen);
  const layout = useCallTable((s) => s.layout);
  const loaded = useCallTable((s) => s.loaded);
  const load = useCallTable((s) => s.load);
  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);

  const pages = useCallPages(layout.filter, layout.sort, loaded);
  const count = useQuery('calls.tableCount', loaded ? { filter: layout.filter } : null, ['call']);
  const total = count.data?.total;

  return (
    <div className={`calls-view${route.id ? ' with-detail' : ''}`}>
      <section className="table-pane" aria-label="Call log">
        {/* The page's title for screen readers; the rail already shows where the agent is. */}
        <h1 className="visually-hidden">Calls</h1>
        {/* New call first: it stays in reach when a call's detail drawer covers the right side. */}
        <div className="pane-toolbar">
          <button className="primary new-call" onClick={() => setNewCallOpen(true)}>
            New call
          </button>
          <FilterBar filter={layout.filter} />
        </div>
        <div className="table-controls">
          <ViewsBar />
          <TableToolbar layout={layout} total={total} />
        </div>
        {total !== undefined && <BulkBar layout={layout} total={total} />}
        {pages.error && <p className="error-text">{pages.error}</p>}
        {loaded && (
          <CallTable
            layout={layout}
            pages={pages}
            total={total}
            selectedId={route.id}
            onOpen={(id) => navigate({ view: 'calls', id })}
          />
        )}
        <footer className="pane-footer" aria-live="polite">
          {total === undefined ? 'Loading…' : `${total.toLocaleString()} ${total === 1 ? 'call' : 'calls'}`}
        </footer>
      </section>
      {route.id && (
        <section className="detail-pane" aria-label="Call detail">
          <button
            className="icon-button detail-close"
            aria-label="Close the call detail"
            onClick={() => navigate({ view: 'calls' })}
          >
            <Icon name="close" size={16} />
          </button>
          <CallDetail id={route.id} />
        </section>
      )}
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

import type { CallView } from '../../../../../shared/api/call-table';
import { useQuery } from '../../../bridge/use-query';
import { useUi } from '../../../state/ui-store';
import { useCallTable } from './table-store';

/** A pinned view in the navigation, with how many calls it holds now (refreshed as calls change). */
function PinnedView({ view }: { view: CallView }) {
  const count = useQuery('calls.tableCount', { filter: view.layout.filter }, ['call']);
  const navigate = useUi((s) => s.navigate);
  const applyView = useCallTable((s) => s.applyView);
  const current = useCallTable((s) => s.viewId === view.id);
  const total = count.data?.total;
  return (
    <button
      type="button"
      className={`nav-view${current ? ' active' : ''}`}
      aria-current={current ? 'true' : undefined}
      title={view.name}
      onClick={() => {
        applyView(view);
        navigate({ view: 'calls' });
      }}
    >
      <span className="nav-view-name">{view.name}</span>
      <span className="nav-view-count" data-testid="view-count">
        {total === undefined ? '…' : total > 9999 ? '9999+' : total}
        <span className="visually-hidden"> calls</span>
      </span>
    </button>
  );
}

/** The views pinned to the navigation rail, below Calls. */
export function PinnedViews() {
  const views = useQuery('callViews.list', {}, ['settings']);
  const pinned = (views.data?.items ?? []).filter((v) => v.pinned);
  if (pinned.length === 0) return null;
  return (
    <div className="nav-views" role="group" aria-label="Pinned views">
      {pinned.map((view) => (
        <PinnedView key={view.id} view={view} />
      ))}
    </div>
  );
}

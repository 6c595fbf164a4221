import type { CallView } from '../../../../../shared/api/call-table';
import { call } from '../../../bridge/client';
import { useQuery } from '../../../bridge/use-query';
import { useCallTable } from './table-store';

/** The saved views as chips: one press shows a view; the agent's own views can be deleted. */
export function ViewsBar() {
  const views = useQuery('callViews.list', {}, ['settings']);
  const viewId = useCallTable((s) => s.viewId);
  const applyView = useCallTable((s) => s.applyView);
  const items = views.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <div className="chips views-bar" role="group" aria-label="Saved views">
      {items.map((view: CallView) => (
        <span key={view.id} className={`chip view-chip${viewId === view.id ? ' active' : ''}`}>
          <button type="button" aria-pressed={viewId === view.id} onClick={() => applyView(view)}>
            {view.name}
            {view.scope === 'company' && <span className="muted"> (company)</span>}
          </button>
          {view.scope === 'personal' && (
            <button
              type="button"
              className="icon-button"
              aria-label={`Delete view ${view.name}`}
              onClick={() => void call('callViews.remove', { id: view.id })}
            >
              ×
            </button>
          )}
        </span>
      ))}
    </div>
  );
}

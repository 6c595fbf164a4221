import { useState } from 'react';
import type { CallView } from '../../../../../shared/api/call-table';
import { call } from '../../../bridge/client';
import { useQuery } from '../../../bridge/use-query';
import { useCanEditCompanyViews } from './can-edit-company-views';
import { CompanyViewSheet } from './CompanyViewSheet';
import { useCallTable } from './table-store';

/**
 * The saved views as chips: one press shows a view. The agent's own views can be
 * deleted here; a company view is read-only, except for a supervisor or an admin, who
 * can open it in the company view editor.
 */
export function ViewsBar() {
  const views = useQuery('callViews.list', {}, ['settings']);
  const viewId = useCallTable((s) => s.viewId);
  const layout = useCallTable((s) => s.layout);
  const applyView = useCallTable((s) => s.applyView);
  const canEditCompany = useCanEditCompanyViews();
  const [editing, setEditing] = useState<CallView | null>(null);
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
          {view.scope === 'company' && canEditCompany && (
            <button
              type="button"
              className="icon-button"
              aria-label={`Edit company view ${view.name}`}
              title="Rename, update or delete for everyone"
              onClick={() => setEditing(view)}
            >
              ✎
            </button>
          )}
        </span>
      ))}
      {editing && <CompanyViewSheet view={editing} current={layout} onClose={() => setEditing(null)} />}
    </div>
  );
}

import { useState, type FormEvent } from 'react';
import type { CallTableLayout, CallView } from '../../../../../shared/api/call-table';
import { call, errorMessage } from '../../../bridge/client';
import { FormFooter } from '../../../ui/FormFooter';
import { Sheet } from '../../../ui/Sheet';
import { useCallTable } from './table-store';

/**
 * A supervisor's or an admin's editor for one company view: rename it, pin or unpin it,
 * replace its filters, sort and columns with the table as it is now, or delete it for
 * everyone. Each change is made on the CRM server; offline the sheet says so and keeps
 * what was typed.
 */
export function CompanyViewSheet({
  view,
  current,
  onClose,
}: {
  view: CallView;
  /** The table as it is now, offered as the view's new filters, sort and columns. */
  current: CallTableLayout;
  onClose: () => void;
}) {
  const [name, setName] = useState(view.name);
  const [pinned, setPinned] = useState(view.pinned);
  const [useCurrent, setUseCurrent] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const applyView = useCallTable((s) => s.applyView);
  const viewId = useCallTable((s) => s.viewId);

  const attempt = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      onClose();
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };

  const save = (e: FormEvent) => {
    e.preventDefault();
    void attempt(async () => {
      const layout = useCurrent ? current : view.layout;
      const saved = await call('companyViews.publish', { id: view.id, name, layout, pinned });
      // The table shows the view it was on: keep showing it, as changed.
      if (viewId === view.id || useCurrent) applyView(saved);
    });
  };

  const remove = () =>
    void attempt(async () => {
      await call('companyViews.remove', { id: view.id });
    });

  return (
    <Sheet title="Company view" onClose={onClose}>
      <form className="form" aria-label="Edit company view" onSubmit={save}>
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={60} required />
        </label>
        <label className="inline">
          <input type="checkbox" checked={pinned} onChange={(e) => setPinned(e.target.checked)} />
          Pin to the navigation, with its count
        </label>
        <label className="inline">
          <input type="checkbox" checked={useCurrent} onChange={(e) => setUseCurrent(e.target.checked)} />
          Replace its filters, sort and columns with the table as it is now
        </label>
        <p className="muted">Everyone in the company sees this view; changes are saved on the CRM server.</p>
        <FormFooter error={error} busy={busy} onBack={onClose} backLabel="Cancel" submitLabel="Save changes" />
      </form>
      <section className="danger-zone" aria-label="Delete company view">
        {confirmDelete ? (
          <>
            <p>Delete “{view.name}” for everyone in the company?</p>
            <div className="form-actions">
              <button type="button" onClick={() => setConfirmDelete(false)} disabled={busy}>
                Keep it
              </button>
              <button type="button" className="danger" onClick={remove} disabled={busy}>
                Delete for everyone
              </button>
            </div>
          </>
        ) : (
          <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
            Delete view…
          </button>
        )}
      </section>
    </Sheet>
  );
}

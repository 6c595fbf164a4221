import { useState, type FormEvent } from 'react';
import type { CallTableLayout } from '../../../../../shared/api/call-table';
import { call, errorMessage } from '../../../bridge/client';
import { FormFooter } from '../../../ui/FormFooter';
import { Sheet } from '../../../ui/Sheet';
import { useCallTable } from './table-store';

/** Names the table as it is now (filters, sort, columns, density) as a personal view. */
export function SaveViewSheet({ layout, onClose }: { layout: CallTableLayout; onClose: () => void }) {
  const [name, setName] = useState('');
  const [pinned, setPinned] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const applyView = useCallTable((s) => s.applyView);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const view = await call('callViews.save', { name, layout, pinned });
      applyView(view);
      onClose();
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };

  return (
    <Sheet title="Save view" onClose={onClose}>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={60} required />
        </label>
        <label className="check">
          <input type="checkbox" checked={pinned} onChange={(e) => setPinned(e.target.checked)} />
          Pin to the navigation, with its count
        </label>
        <p className="muted">The view keeps the filters, sort, columns and density shown now, on this computer.</p>
        <FormFooter error={error} busy={busy} onBack={onClose} backLabel="Cancel" submitLabel="Save view" />
      </form>
    </Sheet>
  );
}

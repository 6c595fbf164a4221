import { useState, type FormEvent } from 'react';
import type { CallTableLayout } from '../../../../../shared/api/call-table';
import { call, errorMessage } from '../../../bridge/client';
import { FormFooter } from '../../../ui/FormFooter';
import { Sheet } from '../../../ui/Sheet';
import { useCanEditCompanyViews } from './can-edit-company-views';
import { useCallTable } from './table-store';

type Audience = 'personal' | 'company';

/**
 * Names the table as it is now (filters, sort, columns, density) as a view: the agent's
 * own on this computer, or, for a supervisor or an admin, one published for everyone
 * in the company (saved on the CRM server, so only while online).
 */
export function SaveViewSheet({ layout, onClose }: { layout: CallTableLayout; onClose: () => void }) {
  const canPublish = useCanEditCompanyViews();
  const [name, setName] = useState('');
  const [pinned, setPinned] = useState(true);
  const [audience, setAudience] = useState<Audience>('personal');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const applyView = useCallTable((s) => s.applyView);
  const shared = canPublish && audience === 'company';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const input = { name, layout, pinned };
      const view = shared ? await call('companyViews.publish', input) : await call('callViews.save', input);
      applyView(view);
      onClose();
    } catch (failure) {
      // The sheet stays open with what was typed: offline, the agent can try again later.
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
        <label className="inline">
          <input type="checkbox" checked={pinned} onChange={(e) => setPinned(e.target.checked)} />
          Pin to the navigation, with its count
        </label>
        {canPublish && (
          <fieldset className="segmented">
            <legend>Who sees it</legend>
            {(
              [
                ['personal', 'Only me'],
                ['company', 'Everyone in the company'],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className={audience === value ? 'active' : ''}>
                <input type="radio" name="audience" checked={audience === value} onChange={() => setAudience(value)} />
                {label}
              </label>
            ))}
          </fieldset>
        )}
        <p className="muted">
          {shared
            ? 'The view keeps the filters, sort, columns and density shown now, and is published on the CRM server for everyone in the company (this needs a connection).'
            : 'The view keeps the filters, sort, columns and density shown now, on this computer.'}
        </p>
        <FormFooter
          error={error}
          busy={busy}
          onBack={onClose}
          backLabel="Cancel"
          submitLabel={shared ? 'Publish view' : 'Save view'}
        />
      </form>
    </Sheet>
  );
}

import { useEffect, useState } from 'react';
import type { BulkAction, BulkResult, BulkSelection } from '../../../../../shared/api/bulk';
import type { CallPick, CallTableLayout } from '../../../../../shared/api/call-table';
import { call, errorMessage, onEvent } from '../../../bridge/client';
import { useQuery } from '../../../bridge/use-query';
import { ExportProgress } from './ExportProgress';
import { BulkOwnerForm, useSupervises } from './BulkOwnerForm';
import { selectedCount, useSelection } from './selection-store';
import { useCsvExport } from './use-csv-export';

/**
 * What to do to the selected calls: tag, untag, set a disposition, mark as spam with a
 * reason, for supervisors change the owner, or export them to CSV with the columns shown.
 * Shown while calls are selected; a large selection shows its progress, and the last
 * action can be undone. The core resolves "all matching" and writes one synced change
 * per call.
 */
export function BulkBar({ layout, total }: { layout: CallTableLayout; total: number }) {
  const { filter } = layout;
  const selection = useSelection();
  const csvExport = useCsvExport();
  const dispositions = useQuery('calls.dispositions', {}, ['settings']);
  const supervises = useSupervises();
  const [tag, setTag] = useState('');
  const [code, setCode] = useState('');
  const [reason, setReason] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<BulkResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const count = selectedCount(selection, total);

  useEffect(() => onEvent('bulk.progress', setProgress), []);

  if (count === 0 && !result) return null;

  const run = async (name: 'calls.bulk' | 'calls.bulkUndo', action?: BulkAction) => {
    setError(null);
    setProgress({ done: 0, total: count });
    try {
      const chosen: BulkSelection = selection.all
        ? { filter, except: [...selection.except] }
        : { ids: [...selection.ids] };
      const reply =
        name === 'calls.bulk' ? await call(name, { selection: chosen, action: action! }) : await call(name, {});
      setResult(reply);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setProgress(null);
    }
  };

  return (
    <section className="bulk-bar" aria-label="Bulk actions">
      <strong className="bulk-count">
        {count.toLocaleString()} selected{selection.all ? ' (all matching)' : ''}
      </strong>
      {count > 0 && (
        <>
          <form
            className="bulk-group"
            onSubmit={(event) => {
              event.preventDefault();
              const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
              void run('calls.bulk', { kind: submitter?.value === 'untag' ? 'untag' : 'tag', tag });
            }}
          >
            <input
              aria-label="Tag for the selected calls"
              placeholder="Tag"
              value={tag}
              maxLength={50}
              onChange={(event) => setTag(event.target.value)}
            />
            <button type="submit" value="tag" disabled={!tag.trim() || progress !== null}>
              Tag
            </button>
            <button type="submit" value="untag" disabled={!tag.trim() || progress !== null}>
              Untag
            </button>
          </form>
          <form
            className="bulk-group"
            onSubmit={(event) => {
              event.preventDefault();
              void run('calls.bulk', { kind: 'disposition', code });
            }}
          >
            <select
              aria-label="Disposition for the selected calls"
              value={code}
              onChange={(e) => setCode(e.target.value)}
            >
              <option value="">Disposition…</option>
              {dispositions.data?.items
                .filter((entry) => entry.active)
                .map((entry) => (
                  <option key={entry.code} value={entry.code}>
                    {entry.label}
                  </option>
                ))}
            </select>
            <button type="submit" disabled={!code || progress !== null}>
              Set
            </button>
          </form>
          <form
            className="bulk-group"
            onSubmit={(event) => {
              event.preventDefault();
              void run('calls.bulk', { kind: 'spam', reason });
            }}
          >
            <input
              aria-label="Why the selected calls are spam"
              placeholder="Spam reason"
              value={reason}
              maxLength={500}
              onChange={(event) => setReason(event.target.value)}
            />
            <button type="submit" disabled={progress !== null}>
              Mark spam
            </button>
          </form>
          <button
            type="button"
            onClick={() => {
              const pick: CallPick = selection.all ? { except: [...selection.except] } : { ids: [...selection.ids] };
              void csvExport.run(layout, pick);
            }}
            disabled={csvExport.progress !== null}
          >
            Export selected as CSV
          </button>
          {csvExport.progress !== null && <ExportProgress progress={csvExport.progress} total={count} />}
          {supervises && (
            <BulkOwnerForm
              busy={progress !== null}
              onGive={(ownerId) => void run('calls.bulk', { kind: 'owner', ownerId })}
            />
          )}
          <button type="button" className="link-button" onClick={() => selection.clear()}>
            Clear selection
          </button>
        </>
      )}
      {progress && (
        <div
          className="bulk-progress"
          role="progressbar"
          aria-label="Bulk action progress"
          aria-valuemin={0}
          aria-valuemax={progress.total}
          aria-valuenow={progress.done}
        >
          <div style={{ width: `${progress.total ? (progress.done / progress.total) * 100 : 0}%` }} />
        </div>
      )}
      {result && (
        <p className="bulk-result" role="status">
          {result.summary}
          {result.skipped > 0 && ` ${result.skipped.toLocaleString()} skipped.`}
          {result.undoable && (
            <button type="button" className="link-button" onClick={() => void run('calls.bulkUndo')}>
              Undo
            </button>
          )}
          <button type="button" className="link-button" aria-label="Dismiss" onClick={() => setResult(null)}>
            ×
          </button>
        </p>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

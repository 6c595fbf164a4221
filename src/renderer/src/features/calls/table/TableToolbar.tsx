import { useState } from 'react';
import type { CallTableLayout } from '../../../../../shared/api/call-table';
import { errorMessage } from '../../../bridge/client';
import { useQuery } from '../../../bridge/use-query';
import { useUi } from '../../../state/ui-store';
import { ColumnMenu } from './ColumnMenu';
import { buildCsv, exportFileName, saveCsv } from './export-csv';
import { SaveViewSheet } from './SaveViewSheet';
import { useCallTable } from './table-store';

/** Columns, density, export and "save as a view": what the agent does with the table as a whole. */
export function TableToolbar({ layout, total }: { layout: CallTableLayout; total: number | undefined }) {
  const setDensity = useCallTable((s) => s.setDensity);
  const toast = useUi((s) => s.toast);
  const info = useQuery('app.info', {}, []);
  const [progress, setProgress] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);

  const exportView = async () => {
    setProgress(0);
    try {
      const csv = await buildCsv(layout, setProgress);
      const saved = await saveCsv(exportFileName(), csv, info.data?.host ?? 'browser');
      if (saved) toast('info', 'Export saved.');
    } catch (error) {
      toast('error', `The export failed: ${errorMessage(error)}`);
    } finally {
      setProgress(null);
    }
  };

  return (
    <div className="table-toolbar">
      <ColumnMenu layout={layout} />
      <div className="segmented" role="group" aria-label="Density">
        {(['comfortable', 'compact'] as const).map((d) => (
          <button key={d} type="button" aria-pressed={layout.density === d} onClick={() => setDensity(d)}>
            {d === 'comfortable' ? 'Comfortable' : 'Compact'}
          </button>
        ))}
      </div>
      <button type="button" onClick={() => setSaving(true)}>
        Save view
      </button>
      <button type="button" onClick={() => void exportView()} disabled={progress !== null || total === 0}>
        Export CSV
      </button>
      {progress !== null && (
        <span className="export-progress">
          <progress aria-label="Export progress" max={total ?? undefined} value={progress} />
          <span aria-live="polite">
            {progress.toLocaleString()}
            {total !== undefined ? ` of ${total.toLocaleString()}` : ''}
          </span>
        </span>
      )}
      {saving && <SaveViewSheet layout={layout} onClose={() => setSaving(false)} />}
    </div>
  );
}

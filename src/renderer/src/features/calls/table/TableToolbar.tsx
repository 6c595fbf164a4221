import { useState } from 'react';
import type { CallTableLayout } from '../../../../../shared/api/call-table';
import { ColumnMenu } from './ColumnMenu';
import { ExportProgress } from './ExportProgress';
import { SaveViewSheet } from './SaveViewSheet';
import { useCallTable } from './table-store';
import { useCsvExport } from './use-csv-export';

/** Columns, density, export and "save as a view": what the agent does with the table as a whole. */
export function TableToolbar({ layout, total }: { layout: CallTableLayout; total: number | undefined }) {
  const setDensity = useCallTable((s) => s.setDensity);
  const { progress, run } = useCsvExport();
  const [saving, setSaving] = useState(false);

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
      <button type="button" onClick={() => void run(layout)} disabled={progress !== null || total === 0}>
        Export CSV
      </button>
      {progress !== null && <ExportProgress progress={progress} total={total} />}
      {saving && <SaveViewSheet layout={layout} onClose={() => setSaving(false)} />}
    </div>
  );
}

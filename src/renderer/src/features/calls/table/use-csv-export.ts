import { useState } from 'react';
import type { CallPick, CallTableLayout } from '../../../../../shared/api/call-table';
import { errorMessage } from '../../../bridge/client';
import { useQuery } from '../../../bridge/use-query';
import { useUi } from '../../../state/ui-store';
import { buildCsv, exportFileName, saveCsv } from './export-csv';

/**
 * One CSV export at a time, with its progress (rows written so far, null when idle):
 * the toolbar's export of the whole view and the bulk bar's export of the selection
 * share it, so both read the same columns, guard the same cells and save the same way.
 */
export function useCsvExport() {
  const toast = useUi((s) => s.toast);
  const info = useQuery('app.info', {}, []);
  const [progress, setProgress] = useState<number | null>(null);

  const run = async (layout: CallTableLayout, pick?: CallPick) => {
    setProgress(0);
    try {
      const csv = await buildCsv(layout, setProgress, pick);
      const saved = await saveCsv(exportFileName(), csv, info.data?.host ?? 'browser');
      if (saved) toast('info', 'Export saved.');
    } catch (error) {
      toast('error', `The export failed: ${errorMessage(error)}`);
    } finally {
      setProgress(null);
    }
  };

  return { progress, run };
}

import type { CallPick, CallTableCursor, CallTableLayout } from '../../../../../shared/api/call-table';
import { call } from '../../../bridge/client';

/** Rows per request: large enough to be quick, small enough to show progress on a big view. */
const CHUNK = 2000;

/**
 * The current view (its filter, sort and columns) as one CSV text, chunk by chunk so a
 * progress bar can follow. The core writes each chunk (RFC 4180, formula-safe). With a
 * pick (the bulk bar's selection), only the rows picked, in the view's order.
 */
export async function buildCsv(
  layout: CallTableLayout,
  onProgress: (rows: number) => void,
  pick?: CallPick,
): Promise<string> {
  const parts: string[] = [];
  let after: CallTableCursor | null = null;
  let rows = 0;
  do {
    const chunk: { csv: string; rows: number; next: CallTableCursor | null } = await call('calls.exportCsv', {
      filter: layout.filter,
      sort: layout.sort,
      columns: layout.columns,
      after,
      limit: CHUNK,
      ...(pick ? { pick } : {}),
    });
    parts.push(chunk.csv);
    rows += chunk.rows;
    onProgress(rows);
    after = chunk.next;
  } while (after);
  return parts.join('');
}

/** "calls-2026-12-01.csv": the day it was exported, in the agent's calendar. */
export function exportFileName(now = new Date()): string {
  const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return `calls-${day}.csv`;
}

/**
 * Hands the file to the agent: in the desktop app through the shell's save dialog
 * (files.saveAs); in a browser as a download. Returns false when the agent cancelled.
 */
export async function saveCsv(name: string, text: string, host: 'electron' | 'browser'): Promise<boolean> {
  // A BOM so spreadsheet programs read the file as UTF-8 (names with accents stay whole).
  const content = `\uFEFF${text}`;
  if (host === 'electron') return (await call('files.saveAs', { suggestedName: name, content })).saved;
  const url = URL.createObjectURL(new Blob([content], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}

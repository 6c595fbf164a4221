import type {
  CallColumnId,
  CallPick,
  CallTableCursor,
  CallTableFilter,
  CallTableSort,
} from '../../../shared/api/call-table';
import { callStatusLabel, type CallRecord } from '../../../shared/domain/call';
import { callTime, counterpart, otherNumber } from '../../../shared/domain/call-summary';
import { csvField, csvRecord } from '../../../shared/csv';
import type { Db } from '../db/client';
import { tablePage, type TableContext } from '../db/repositories/call-table';
import { listTeammates } from '../db/repositories/teammates';
import { dispositionList } from './dispositions';

/** A column's header and its cell, as the table shows them (labels, not codes). */
interface ExportColumn {
  header: string;
  cell: (call: CallRecord, names: Names) => string | number | null;
}

interface Names {
  owner: Map<string, string>;
  disposition: Map<string, string>;
}

const exportColumns: Record<CallColumnId, ExportColumn> = {
  when: { header: 'When (UTC)', cell: (c) => callTime(c) },
  direction: { header: 'Direction', cell: (c) => c.direction },
  subject: { header: 'Subject', cell: (c) => c.subject },
  who: { header: 'With', cell: (c) => counterpart(c) },
  number: { header: 'Number', cell: (c) => otherNumber(c) },
  status: { header: 'Status', cell: (c) => callStatusLabel[c.status] },
  disposition: {
    header: 'Disposition',
    cell: (c, n) =>
      c.outcome.dispositionCode ? (n.disposition.get(c.outcome.dispositionCode) ?? c.outcome.dispositionCode) : null,
  },
  duration: { header: 'Duration (s)', cell: (c) => c.durationSeconds },
  owner: { header: 'Owner', cell: (c, n) => n.owner.get(c.ownerId) ?? c.ownerId },
  recording: { header: 'Recording', cell: (c) => c.recordingUrl },
};

export interface ExportChunkInput {
  filter: CallTableFilter;
  sort: CallTableSort;
  columns: CallColumnId[];
  after: CallTableCursor | null;
  limit: number;
  /** Only the rows picked in the table; without it, the whole view. */
  pick?: CallPick | undefined;
}

/**
 * One chunk of the current view as CSV. The UI asks for chunks one after another (the
 * cursor of one is the `after` of the next) so it can show progress and the core never
 * holds a hundred thousand records at once; the first chunk (no cursor) starts with the
 * header row. Every cell goes through the shared guard (shared/csv.ts). A pick (the bulk
 * bar's selection) narrows the view to the rows ticked, in the view's order.
 */
export function exportChunk(
  db: Db,
  input: ExportChunkInput,
  context: TableContext,
): { csv: string; rows: number; next: CallTableCursor | null } {
  const names: Names = {
    owner: new Map(listTeammates(db).map((t) => [t.id, t.name])),
    disposition: new Map(dispositionList(db).map((d) => [d.code, d.label])),
  };
  const columns = input.columns.map((id) => exportColumns[id]);
  const page = tablePage(db, { ...input }, context);
  let csv = input.after ? '' : csvRecord(columns.map((c) => csvField(c.header)));
  for (const call of page.items) csv += csvRecord(columns.map((c) => csvField(c.cell(call, names))));
  return { csv, rows: page.items.length, next: page.next };
}

import type { ReactNode } from 'react';
import type { CallColumnId, CallSortColumn } from '../../../../../shared/api/call-table';
import type { CallRecord } from '../../../../../shared/domain/call';
import { callTime, counterpart, otherNumber } from '../../../../../shared/domain/call-summary';
import { formatPhoneForDisplay } from '../../../../../shared/domain/phone';
import { DemoBadge, DirectionIcon } from '../../../ui/Badge';
import { formatDuration, formatInstant } from '../../../ui/format';
import { CallStatusBadge } from '../CallStatusBadge';
import { columnWidths } from './column-widths';

/** What a cell needs besides its call: names for codes and ids. */
export interface CellNames {
  disposition: (code: string | null) => string;
  owner: (id: string) => string;
}

export interface ColumnDef {
  label: string;
  /** The CSS grid track of the column. */
  width: string;
  /** The core's sort key when the column is sortable. */
  sort?: CallSortColumn;
  cell: (call: CallRecord, names: CellNames) => ReactNode;
}

/** Every column the table can show; which are shown, and in which order, is the agent's layout. */
export const columnDefs: Record<CallColumnId, ColumnDef> = {
  when: { label: 'When', width: columnWidths.when, sort: 'when', cell: (c) => formatInstant(callTime(c)) },
  direction: {
    label: 'Direction',
    width: columnWidths.direction,
    cell: (c) => (
      <>
        <DirectionIcon direction={c.direction} />
        <span className="visually-hidden">{c.direction}</span>
      </>
    ),
  },
  subject: {
    label: 'Subject',
    width: columnWidths.subject,
    sort: 'subject',
    // The subject is filled in by the row itself: it is the row's "open" button.
    cell: (c) => (
      <>
        {c.subject}
        {c.isDemo && <DemoBadge />}
      </>
    ),
  },
  who: { label: 'With', width: columnWidths.who, cell: (c) => counterpart(c) },
  number: {
    label: 'Number',
    width: columnWidths.number,
    cell: (c) => {
      const number = otherNumber(c);
      return number ? <span className="mono">{formatPhoneForDisplay(number)}</span> : '—';
    },
  },
  status: {
    label: 'Status',
    width: columnWidths.status,
    cell: (c) => <CallStatusBadge callId={c.id} status={c.status} />,
  },
  disposition: {
    label: 'Disposition',
    width: columnWidths.disposition,
    cell: (c, names) => (c.outcome.dispositionCode ? names.disposition(c.outcome.dispositionCode) : '—'),
  },
  duration: {
    label: 'Duration',
    width: columnWidths.duration,
    sort: 'duration',
    cell: (c) => (c.status === 'Held' ? formatDuration(c.durationSeconds) : '—'),
  },
  owner: { label: 'Owner', width: columnWidths.owner, cell: (c, names) => names.owner(c.ownerId) },
  recording: { label: 'Recording', width: columnWidths.recording, cell: (c) => (c.recordingUrl ? 'Yes' : '—') },
};

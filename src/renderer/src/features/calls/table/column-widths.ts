import type { CallColumnId } from '../../../../../shared/api/call-table';

/** Each column's CSS grid track; a minmax() minimum is the least width the column is given. */
export const columnWidths: Record<CallColumnId, string> = {
  when: 'minmax(196px, 1fr)',
  direction: '90px',
  subject: 'minmax(120px, 2fr)',
  who: 'minmax(100px, 1.2fr)',
  number: 'minmax(140px, 1fr)',
  status: '96px',
  disposition: 'minmax(100px, 1fr)',
  duration: '84px',
  owner: 'minmax(110px, 1fr)',
  recording: '96px',
};

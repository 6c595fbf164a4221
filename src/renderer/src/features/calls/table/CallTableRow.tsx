import { memo, type ReactNode } from 'react';
import type { CallColumnId } from '../../../../../shared/api/call-table';
import type { CallRecord } from '../../../../../shared/domain/call';
import { otherNumber } from '../../../../../shared/domain/call-summary';
import { Icon } from '../../../ui/Icon';
import { requestDial } from '../../line/dial-store';
import { columnDefs, type CellNames } from './columns';

export interface CallTableRowProps {
  call: CallRecord;
  /** 1-based position among all matching calls, for screen readers (aria-rowindex counts the header as 1). */
  index: number;
  columns: readonly CallColumnId[];
  selected: boolean;
  /** Ticked for a bulk action. */
  ticked: boolean;
  /** Ticks or unticks the row; with shift, the range from the last row ticked (0-based `index`). */
  onTick: (id: string, index: number, shift: boolean) => void;
  names: CellNames;
  onOpen: (id: string) => void;
}

/**
 * One call of the table. Keyed and memoised by the call's id, so scrolling and reloads
 * re-render only rows whose call changed (and a selection checkbox can join the row
 * without touching the table). The subject is the row's "open" button; quick actions
 * (call back, open) show on hover and whenever focus is inside the row.
 */
export const CallTableRow = memo(function CallTableRow({
  call,
  index,
  columns,
  selected,
  ticked,
  onTick,
  names,
  onOpen,
}: CallTableRowProps) {
  const number = otherNumber(call);
  return (
    <div
      role="row"
      aria-rowindex={index + 1}
      className={`call-table-row${selected ? ' selected' : ''}${ticked ? ' ticked' : ''}`}
      data-row-key={call.id}
    >
      <div role="cell" className="cell cell-select">
        <input
          type="checkbox"
          aria-label={`Select ${call.subject}`}
          checked={ticked}
          onChange={() => {}}
          onClick={(event) => onTick(call.id, index - 1, event.shiftKey)}
        />
      </div>
      {columns.map((id) =>
        id === 'subject' ? (
          <div role="cell" key={id} className="cell cell-subject">
            <button
              type="button"
              className="row-open"
              title={call.subject}
              data-call-id={call.id}
              aria-current={selected ? 'true' : undefined}
              onClick={() => onOpen(call.id)}
            >
              {columnDefs.subject.cell(call, names)}
            </button>
          </div>
        ) : (
          <CellOf key={id} id={id} content={columnDefs[id].cell(call, names)} />
        ),
      )}
      <div role="cell" className="cell cell-actions">
        {number && (
          <button
            type="button"
            className="icon-button quick-action"
            aria-label={`Call back ${call.subject}`}
            title="Call back"
            onClick={() => void requestDial(number, 'ui')}
          >
            <Icon name="phone" size={15} />
          </button>
        )}
        <button
          type="button"
          className="quick-action"
          // The row's open button when the subject column is hidden.
          data-call-id={columns.includes('subject') ? undefined : call.id}
          aria-label={`Open ${call.subject}`}
          onClick={() => onOpen(call.id)}
        >
          Open
        </button>
      </div>
    </div>
  );
});

/** A cell; plain text cut short by a narrow column is whole in its tooltip. */
function CellOf({ id, content }: { id: CallColumnId; content: ReactNode }) {
  return (
    <div role="cell" className={`cell cell-${id}`} title={typeof content === 'string' ? content : undefined}>
      {content}
    </div>
  );
}

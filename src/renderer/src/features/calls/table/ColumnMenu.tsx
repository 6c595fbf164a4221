import { useRef, useState } from 'react';
import { allCallColumns, type CallTableLayout } from '../../../../../shared/api/call-table';
import { useDismiss } from '../../../ui/use-dismiss';
import { columnDefs } from './columns';
import { useCallTable } from './table-store';

/**
 * Which columns show, and in which order: a checkbox per column, and Move up / Move
 * down buttons for those shown (keyboard-first; dragging would need a pointer).
 */
export function ColumnMenu({ layout }: { layout: CallTableLayout }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const toggleColumn = useCallTable((s) => s.toggleColumn);
  const moveColumn = useCallTable((s) => s.moveColumn);
  useDismiss(ref, open, () => setOpen(false), button);
  // Shown columns in their order, then the hidden ones in the default order.
  const ordered = [...layout.columns, ...allCallColumns.filter((c) => !layout.columns.includes(c))];

  return (
    <div className="menu-anchor" ref={ref}>
      <button
        type="button"
        ref={button}
        aria-expanded={open}
        aria-controls="column-menu"
        onClick={() => setOpen(!open)}
      >
        Columns
      </button>
      {open && (
        <div className="column-menu" id="column-menu" role="group" aria-label="Columns">
          <ul>
            {ordered.map((id) => {
              const shown = layout.columns.indexOf(id);
              const label = columnDefs[id].label;
              return (
                <li key={id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={shown >= 0}
                      disabled={shown >= 0 && layout.columns.length === 1}
                      onChange={() => toggleColumn(id)}
                    />
                    {label}
                  </label>
                  {shown >= 0 && (
                    <span className="column-move">
                      <button
                        type="button"
                        className="icon-button"
                        aria-label={`Move ${label} earlier`}
                        disabled={shown === 0}
                        onClick={() => moveColumn(id, -1)}
                      >
                        ↑
                      </button>
                      <button
                        type="button"
                        className="icon-button"
                        aria-label={`Move ${label} later`}
                        disabled={shown === layout.columns.length - 1}
                        onClick={() => moveColumn(id, 1)}
                      >
                        ↓
                      </button>
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}

import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { CallTableLayout } from '../../../../../shared/api/call-table';
import { useQuery } from '../../../bridge/use-query';
import { useDispositionLabel } from '../../../ui/use-dispositions';
import { CallTableRow } from './CallTableRow';
import { columnDefs, type CellNames } from './columns';
import { fittingColumns, leastWidth } from './fit-columns';
import { useInnerWidth } from './use-inner-width';
import { isSelected, useSelection } from './selection-store';
import { useCallTable } from './table-store';
import type { CallPages } from './use-call-pages';

const rowHeight = { comfortable: 52, compact: 34 } as const;
/** The selection checkboxes' column. */
const SELECT_WIDTH = '36px';
/** The quick actions' column: Call back and Open. */
const ACTIONS_WIDTH = '92px';

function useOwnerName(): (id: string) => string {
  const teammates = useQuery('teammates.list', {}, ['teammate']);
  const info = useQuery('app.info', {}, []);
  return (id) => {
    if (info.data && id === info.data.userId) return 'You';
    return teammates.data?.items.find((t) => t.id === id)?.name ?? `user ${id.slice(0, 8)}`;
  };
}

/**
 * The calls, as a table: a header of sortable columns and rows windowed over every
 * matching call (only the rows on screen are in the page). Scrolling near the end of
 * what is loaded loads the next page.
 */
export function CallTable(props: {
  layout: CallTableLayout;
  pages: CallPages;
  total: number | undefined;
  selectedId?: string;
  onOpen: (id: string) => void;
}) {
  const { layout, pages } = props;
  const sortBy = useCallTable((s) => s.sortBy);
  const scrollRef = useRef<HTMLDivElement>(null);
  const height = rowHeight[layout.density];
  const virtualizer = useVirtualizer({
    count: pages.items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => height,
    overscan: 10,
  });
  useEffect(() => virtualizer.measure(), [height, virtualizer]);

  const visible = virtualizer.getVirtualItems();
  const lastVisible = visible[visible.length - 1]?.index ?? 0;
  const { hasMore, loadMore, items } = pages;
  useEffect(() => {
    if (hasMore && lastVisible >= items.length - 30) loadMore();
  }, [hasMore, lastVisible, items.length, loadMore]);

  // A call opened from elsewhere (a timeline, a new call) is scrolled into view when loaded.
  const selectedIndex = items.findIndex((c) => c.id === props.selectedId);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const dispositionLabel = useDispositionLabel();
  const owner = useOwnerName();
  const names: CellNames = useMemo(() => ({ disposition: dispositionLabel, owner }), [dispositionLabel, owner]);
  const room = useInnerWidth(scrollRef);
  const columns = useMemo(
    () =>
      room === null
        ? layout.columns
        : fittingColumns(
            layout.columns,
            (id) => columnDefs[id].width,
            room,
            leastWidth(SELECT_WIDTH) + leastWidth(ACTIONS_WIDTH),
          ),
    [layout.columns, room],
  );
  const tracks = [SELECT_WIDTH, ...columns.map((c) => columnDefs[c].width), ACTIONS_WIDTH];
  const selection = useSelection();
  const filterKey = JSON.stringify(layout.filter);
  // Another filter: what was selected under the old one is not what the agent sees now.
  useEffect(() => {
    if (selection.filterKey !== filterKey) selection.clear(filterKey);
  }, [filterKey, selection]);
  const allTicked = selection.all && selection.except.size === 0;
  const onTick = useCallback(
    (id: string, index: number, shift: boolean) => {
      const anchor = useSelection.getState().anchor;
      const range =
        shift && anchor !== null
          ? items.slice(Math.min(anchor, index), Math.max(anchor, index) + 1).map((c) => c.id)
          : null;
      useSelection.getState().toggle(id, index, range);
    },
    [items],
  );
  // Every row is its own grid: one width for all (the pane's, or the columns' least when
  // that is wider, then the table scrolls sideways) keeps the cells under their headers.
  const minWidth = tracks.reduce((sum, track) => sum + leastWidth(track), 0);

  return (
    <div
      className={`call-table density-${layout.density}`}
      role="table"
      aria-label="Calls"
      aria-rowcount={(props.total ?? items.length) + 1}
      style={{ ['--call-columns' as string]: tracks.join(' '), ['--call-min-width' as string]: `${minWidth}px` }}
    >
      <div className="call-table-scroll" ref={scrollRef}>
        <div role="rowgroup" className="call-table-head">
          <div role="row" aria-rowindex={1} className="call-table-row header">
            <div role="columnheader" className="cell cell-select">
              <input
                type="checkbox"
                aria-label="Select all calls matching the filter"
                checked={allTicked}
                onChange={() => (allTicked ? selection.clear() : selection.selectAll(filterKey))}
              />
            </div>
            {columns.map((id) => {
              const def = columnDefs[id];
              const sorted = def.sort && layout.sort.column === def.sort ? layout.sort.direction : null;
              return (
                <div
                  role="columnheader"
                  key={id}
                  className={`cell cell-${id}`}
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                >
                  {def.sort ? (
                    <button type="button" className="sort-button" onClick={() => sortBy(def.sort!)}>
                      {def.label}
                      <span aria-hidden="true" className="sort-mark">
                        {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                      </span>
                    </button>
                  ) : (
                    def.label
                  )}
                </div>
              );
            })}
            <div role="columnheader" className="cell cell-actions">
              <span className="visually-hidden">Actions</span>
            </div>
          </div>
        </div>
        {items.length === 0 ? (
          <p className="empty">{pages.loading ? 'Loading…' : 'No calls match.'}</p>
        ) : (
          <div role="rowgroup" className="call-table-body" style={{ height: virtualizer.getTotalSize() }}>
            {visible.map((item) => {
              const call = items[item.index]!;
              return (
                <div
                  key={call.id}
                  className="call-table-slot"
                  style={{ transform: `translateY(${item.start}px)`, height }}
                >
                  <CallTableRow
                    call={call}
                    index={item.index + 1}
                    columns={columns}
                    selected={call.id === props.selectedId}
                    ticked={isSelected(selection, call.id)}
                    onTick={onTick}
                    names={names}
                    onOpen={props.onOpen}
                  />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}

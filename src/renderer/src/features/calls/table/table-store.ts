import { create } from 'zustand';
import {
  allCallColumns,
  defaultCallTableLayout,
  type CallColumnId,
  type CallTableFilter,
  type CallTableLayout,
  type CallTableSort,
  type Density,
} from '../../../../../shared/api/call-table';
import { call } from '../../../bridge/client';

/**
 * The calls table's layout in one place: the filter object, the sort, the columns and
 * the density. Every change is saved to the core (callTable.saveLayout, the desktop's
 * settings), so the table comes back as it was left after a reload or a restart. What
 * reads "the calls the agent is looking at" (the pages, the count, the export, a bulk
 * action's "select all matching") reads `layout.filter` from here and hands it to the
 * core, which runs the one query over it.
 */
interface TableState {
  layout: CallTableLayout;
  /** False until the stored layout has come back: the table waits, so it never flashes the default. */
  loaded: boolean;
  /** The saved view the layout came from, while it is unchanged. */
  viewId: string | null;
  load(): Promise<void>;
  setFilter(patch: Partial<CallTableFilter>): void;
  clearFilter(): void;
  sortBy(column: CallTableSort['column']): void;
  toggleColumn(column: CallColumnId): void;
  moveColumn(column: CallColumnId, by: -1 | 1): void;
  setDensity(density: Density): void;
  applyView(view: { id: string; layout: CallTableLayout }): void;
}

/** Drops filter fields that are unset, so a cleared filter is `{}` and compares equal. */
function compact(filter: CallTableFilter): CallTableFilter {
  return Object.fromEntries(
    Object.entries(filter).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)),
  ) as CallTableFilter;
}

let saveTimer: ReturnType<typeof setTimeout> | undefined;
/** Typing in a filter box saves once it pauses; everything else at once. */
function save(layout: CallTableLayout, delay = 0): void {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => void call('callTable.saveLayout', layout).catch(() => undefined), delay);
}

export const useCallTable = create<TableState>((set, get) => {
  const change = (next: Partial<CallTableLayout>, delay = 0) => {
    const layout = { ...get().layout, ...next };
    set({ layout, viewId: null });
    save(layout, delay);
  };
  return {
    layout: defaultCallTableLayout,
    loaded: false,
    viewId: null,
    async load() {
      const layout = await call('callTable.layout', {});
      set({ layout, loaded: true });
    },
    setFilter(patch) {
      const typing = 'search' in patch || 'number' in patch;
      change({ filter: compact({ ...get().layout.filter, ...patch }) }, typing ? 400 : 0);
    },
    clearFilter: () => change({ filter: {} }),
    sortBy(column) {
      const { sort } = get().layout;
      // A second click on the sorted column turns it round; a new column starts newest / largest first.
      const direction = sort.column === column && sort.direction === 'desc' ? 'asc' : 'desc';
      change({ sort: { column, direction } });
    },
    toggleColumn(column) {
      const { columns } = get().layout;
      if (columns.includes(column)) {
        if (columns.length > 1) change({ columns: columns.filter((c) => c !== column) });
      } else {
        // A column shown again takes its place in the default order among those shown.
        const order = (c: CallColumnId) => allCallColumns.indexOf(c);
        const at = columns.findIndex((c) => order(c) > order(column));
        change({ columns: at < 0 ? [...columns, column] : [...columns.slice(0, at), column, ...columns.slice(at)] });
      }
    },
    moveColumn(column, by) {
      const columns = [...get().layout.columns];
      const from = columns.indexOf(column);
      const to = from + by;
      if (from < 0 || to < 0 || to >= columns.length) return;
      [columns[from], columns[to]] = [columns[to]!, columns[from]!];
      change({ columns });
    },
    setDensity: (density) => change({ density }),
    applyView(view) {
      set({ layout: view.layout, viewId: view.id });
      save(view.layout);
    },
  };
});

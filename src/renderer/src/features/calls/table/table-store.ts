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

/** One of the agent's changes, as what it makes of a layout (null: nothing to change). */
type Step = (layout: CallTableLayout) => Partial<CallTableLayout> | null;

export const useCallTable = create<TableState>((set, get) => {
  /**
   * What the agent did before the stored layout came back (the filter bar answers at once,
   * the stored layout takes a round trip): replayed on the stored layout when it comes, so
   * a filter chosen in the first instant after a reload is not replaced by the saved one.
   */
  let early: Step[] = [];
  let loading: Promise<void> | null = null;
  const change = (step: Step, delay = 0) => {
    const next = step(get().layout);
    if (!next) return;
    const layout = { ...get().layout, ...next };
    set({ layout, viewId: null });
    if (!get().loaded) {
      early.push(step);
      return;
    }
    save(layout, delay);
  };
  return {
    layout: defaultCallTableLayout,
    loaded: false,
    viewId: null,
    load() {
      // One request however often the view mounts (StrictMode mounts twice): a second
      // answer would drop the replayed changes.
      loading ??= call('callTable.layout', {}).then((stored) => {
        const replay = early;
        early = [];
        const layout = replay.reduce<CallTableLayout>((at, step) => ({ ...at, ...step(at) }), stored);
        set({ layout, loaded: true });
        if (replay.length > 0) save(layout);
      });
      // A failed read is tried again on the next mount.
      loading.catch(() => (loading = null));
      return loading;
    },
    setFilter(patch) {
      const typing = 'search' in patch || 'number' in patch;
      change((at) => ({ filter: compact({ ...at.filter, ...patch }) }), typing ? 400 : 0);
    },
    clearFilter: () => change(() => ({ filter: {} })),
    // A sort or a column is what the agent saw it become, not a toggle: replayed on the
    // stored layout (see `early`), a toggle could undo the click.
    sortBy(column) {
      const { sort } = get().layout;
      // A second click on the sorted column turns it round; a new column starts newest / largest first.
      const direction = sort.column === column && sort.direction === 'desc' ? 'asc' : 'desc';
      change(() => ({ sort: { column, direction } }));
    },
    toggleColumn(column) {
      const show = !get().layout.columns.includes(column);
      change(({ columns }) => {
        if (!show) {
          return columns.length > 1 && columns.includes(column)
            ? { columns: columns.filter((c) => c !== column) }
            : null;
        }
        if (columns.includes(column)) return null;
        // A column shown again takes its place in the default order among those shown.
        const order = (c: CallColumnId) => allCallColumns.indexOf(c);
        const at = columns.findIndex((c) => order(c) > order(column));
        return { columns: at < 0 ? [...columns, column] : [...columns.slice(0, at), column, ...columns.slice(at)] };
      });
    },
    moveColumn(column, by) {
      change((layout) => {
        const columns = [...layout.columns];
        const from = columns.indexOf(column);
        const to = from + by;
        if (from < 0 || to < 0 || to >= columns.length) return null;
        [columns[from], columns[to]] = [columns[to]!, columns[from]!];
        return { columns };
      });
    },
    setDensity: (density) => change(() => ({ density })),
    applyView(view) {
      set({ layout: view.layout, viewId: view.id });
      // A whole view replaces the layout, the stored one too if it has not come yet.
      if (get().loaded) save(view.layout);
      else early = [() => view.layout];
    },
  };
});

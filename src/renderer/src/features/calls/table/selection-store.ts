import { create } from 'zustand';

/**
 * Which calls of the table are selected for a bulk action: ticked one by one (shift-click
 * ticks the range from the last one ticked), or "all matching the filter", which the
 * core resolves itself, so calls not loaded on screen are included; rows unticked after
 * that are kept as exceptions. The filter it was made under goes with it: a selection
 * never silently carries over to another filter.
 */
interface SelectionState {
  all: boolean;
  ids: ReadonlySet<string>;
  except: ReadonlySet<string>;
  /** The last row ticked or unticked by hand, for shift-click ranges. */
  anchor: number | null;
  /** JSON of the filter the selection belongs to. */
  filterKey: string;
  toggle(id: string, index: number, range: readonly string[] | null): void;
  selectAll(filterKey: string): void;
  clear(filterKey?: string): void;
}

const none = new Set<string>();

export const useSelection = create<SelectionState>((set) => ({
  all: false,
  ids: none,
  except: none,
  anchor: null,
  filterKey: '',
  toggle(id, index, range) {
    set((s) => {
      const ticked = s.all ? !s.except.has(id) : s.ids.has(id);
      const target = range ?? [id];
      const turnOn = range ? true : !ticked;
      if (s.all) {
        const except = new Set(s.except);
        for (const each of target) {
          if (turnOn) except.delete(each);
          else except.add(each);
        }
        return { except, anchor: index };
      }
      const ids = new Set(s.ids);
      for (const each of target) {
        if (turnOn) ids.add(each);
        else ids.delete(each);
      }
      return { ids, anchor: index };
    });
  },
  selectAll: (filterKey) => set({ all: true, ids: none, except: none, anchor: null, filterKey }),
  clear: (filterKey) =>
    set((s) => ({ all: false, ids: none, except: none, anchor: null, filterKey: filterKey ?? s.filterKey })),
}));

export function isSelected(state: Pick<SelectionState, 'all' | 'ids' | 'except'>, id: string): boolean {
  return state.all ? !state.except.has(id) : state.ids.has(id);
}

/** How many calls are selected, given how many the filter matches. */
export function selectedCount(state: Pick<SelectionState, 'all' | 'ids' | 'except'>, total: number): number {
  return state.all ? Math.max(0, total - state.except.size) : state.ids.size;
}

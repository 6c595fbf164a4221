import { defaultCallTableLayout, type CallColumnId } from '../../../../../shared/api/call-table';

/**
 * Which columns the pane has room for. On a laptop screen (1024 px, the idle phone beside
 * it) the default columns need some 300 px more than the pane has, and a table that
 * scrolls sideways hides the row's actions. So the default set gives up its columns of
 * least value (each is on the call's drawer too), least value first, until the rest fit
 * at their least widths; the time, subject, counterpart and status always stay. Columns
 * the agent chose are kept as chosen (that table may scroll sideways), and the saved
 * layout is never changed: on a wider window the columns come back.
 */
const leftOutFirst: readonly CallColumnId[] = ['disposition', 'duration', 'direction'];

function isDefaultSet(columns: readonly CallColumnId[]): boolean {
  const defaults = defaultCallTableLayout.columns;
  return columns.length === defaults.length && columns.every((id, i) => id === defaults[i]);
}

/** The least width of a grid track: its fixed size, or its minmax() minimum. */
export function leastWidth(track: string): number {
  return Number(/(\d+)px/.exec(track)?.[1] ?? 0);
}

export function fittingColumns(
  columns: readonly CallColumnId[],
  widthOf: (id: CallColumnId) => string,
  room: number,
  /** The widths of the tracks around the columns (the checkboxes and the actions). */
  fixed: number,
): CallColumnId[] {
  let shown = [...columns];
  if (!isDefaultSet(columns)) return shown;
  const need = () => fixed + shown.reduce((sum, id) => sum + leastWidth(widthOf(id)), 0);
  for (const id of leftOutFirst) {
    if (need() <= room) break;
    shown = shown.filter((c) => c !== id);
  }
  return shown;
}

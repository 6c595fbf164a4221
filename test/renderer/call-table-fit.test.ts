import { describe, expect, it } from 'vitest';
import { defaultCallTableLayout } from '../../src/shared/api/call-table';
import { columnWidths } from '../../src/renderer/src/features/calls/table/column-widths';
import { fittingColumns, leastWidth } from '../../src/renderer/src/features/calls/table/fit-columns';

const widthOf = (id: keyof typeof columnWidths) => columnWidths[id];
const fixed = 36 + 92;
const defaults = defaultCallTableLayout.columns;
const need = (columns: readonly (keyof typeof columnWidths)[]) =>
  fixed + columns.reduce((sum, id) => sum + leastWidth(widthOf(id)), 0);

describe('the calls table columns that fit the pane', () => {
  it('keeps every default column when there is room for them', () => {
    expect(fittingColumns(defaults, widthOf, need(defaults), fixed)).toEqual(defaults);
  });

  it('leaves out disposition, then duration, then direction, only as many as it must', () => {
    const room = need(defaults) - 1;
    expect(fittingColumns(defaults, widthOf, room, fixed)).toEqual(defaults.filter((c) => c !== 'disposition'));
    const pane1024 = 1024 - 72 - 264 - 15; // the rail, the idle phone at 1024 px, a scrollbar
    const shown = fittingColumns(defaults, widthOf, pane1024, fixed);
    expect(shown).toEqual(['when', 'subject', 'who', 'status']);
    expect(need(shown)).toBeLessThanOrEqual(pane1024);
  });

  it('never leaves out the time, subject, counterpart or status, and keeps the agent’s own columns as chosen', () => {
    expect(fittingColumns(defaults, widthOf, 100, fixed)).toEqual(['when', 'subject', 'who', 'status']);
    const own = ['subject', 'when', 'who', 'status', 'disposition', 'duration', 'owner'] as const;
    expect(fittingColumns(own, widthOf, 300, fixed)).toEqual(own);
  });
});

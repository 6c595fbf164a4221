import type { CallView } from '../../../shared/api/call-table';
import { newId } from '../../../shared/domain/ids';
import type { Handlers } from '../api/dispatch';
import { tableCount, tablePage, type TableContext } from '../db/repositories/call-table';
import { getTableLayout, personalViews, savePersonalViews, saveTableLayout } from '../db/repositories/call-table-prefs';
import { getSettings } from '../db/repositories/settings';
import type { HandlerContext } from '../handler-context';
import { writeUnsynced } from '../sync/mutate';
import { exportChunk } from './call-export';
import { companyViews } from './company-views';

type CallTableHandlers = Pick<
  Handlers,
  | 'calls.table'
  | 'calls.tableCount'
  | 'calls.exportCsv'
  | 'callTable.layout'
  | 'callTable.saveLayout'
  | 'callViews.list'
  | 'callViews.save'
  | 'callViews.remove'
>;

/** The calls table: pages, counts, export, and how the agent arranged it (layout, saved views). */
export function callTableHandlers(ctx: HandlerContext): CallTableHandlers {
  const { db } = ctx.local;
  const context = (): TableContext => {
    const settings = getSettings(db);
    return { region: settings.defaultRegion, zone: settings.timeZone };
  };
  const allViews = (): CallView[] => [...personalViews(db), ...companyViews(db)];
  const changed = (ids: string[]) => ctx.events.emit('data.changed', { entity: 'settings', ids });

  return {
    'calls.table': (input) => tablePage(db, input, context()),
    'calls.tableCount': ({ filter }) => ({ total: tableCount(db, filter, context()) }),
    'calls.exportCsv': (input) => exportChunk(db, input, context()),

    'callTable.layout': () => getTableLayout(db),
    'callTable.saveLayout': (layout) => {
      writeUnsynced(ctx.local, 'desktop settings', (tx) => saveTableLayout(tx, layout));
      changed(['callTable.layout']);
      return layout;
    },

    'callViews.list': () => ({ items: allViews() }),
    'callViews.save': (input) => {
      const view: CallView = { ...input, id: input.id ?? newId(), scope: 'personal' };
      const views = personalViews(db);
      const at = views.findIndex((v) => v.id === view.id);
      const next = at >= 0 ? views.map((v, i) => (i === at ? view : v)) : [...views, view];
      writeUnsynced(ctx.local, 'desktop settings', (tx) => savePersonalViews(tx, next));
      changed(['callTable.views']);
      return view;
    },
    'callViews.remove': ({ id }) => {
      const next = personalViews(db).filter((v) => v.id !== id);
      writeUnsynced(ctx.local, 'desktop settings', (tx) => savePersonalViews(tx, next));
      changed(['callTable.views']);
      return { items: allViews() };
    },
  };
}

import type { Handlers } from '../api/dispatch';
import { getSettings, updateSettings } from '../db/repositories/settings';
import type { HandlerContext } from '../handler-context';
import { writeUnsynced } from '../sync/mutate';

type SettingsHandlers = Pick<Handlers, 'settings.get' | 'settings.update'>;

/** Settings are this desktop's own: they do not sync, so they write no outbox row. */
export function settingsHandlers(ctx: HandlerContext): SettingsHandlers {
  const { db } = ctx.local;
  return {
    'settings.get': () => getSettings(db),
    'settings.update': (patch) => {
      const settings = writeUnsynced(ctx.local, 'desktop settings', (tx) => updateSettings(tx.db, patch));
      ctx.events.emit('data.changed', { entity: 'settings', ids: Object.keys(patch) });
      return settings;
    },
  };
}

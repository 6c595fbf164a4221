import { eq } from 'drizzle-orm';
import {
  DesktopPrefs,
  defaultDesktopPrefs,
  shortcutClash,
  type DesktopView,
  type ShortcutStatus,
} from '../../../shared/api/desktop';
import type { Handlers } from '../api/dispatch';
import type { Db } from '../db/client';
import { settings } from '../db/schema';
import { CoreError } from '../errors';
import type { HandlerContext } from '../handler-context';
import { writeUnsynced } from '../sync/mutate';

type DesktopHandlers = Pick<Handlers, 'desktop.get' | 'desktop.update' | 'app.diagnostics'>;

/** One settings row holds the whole object; it is this desktop's own and never syncs. */
const key = 'desktop';

/**
 * The stored preferences, each field falling back to its default when it is missing or
 * no longer valid (a value from a newer build), so one bad field never loses the rest.
 */
export function readDesktopPrefs(db: Db): DesktopPrefs {
  const stored = db.select().from(settings).where(eq(settings.key, key)).get()?.value;
  const result = defaultDesktopPrefs();
  if (!stored || typeof stored !== 'object') return result;
  const shape = DesktopPrefs.shape;
  for (const field of Object.keys(shape) as (keyof DesktopPrefs)[]) {
    const parsed = shape[field].safeParse((stored as Record<string, unknown>)[field]);
    if (parsed.success) Object.assign(result, { [field]: parsed.data });
  }
  return result;
}

export interface DesktopState {
  handlers: DesktopHandlers;
  /** The shell reports how its shortcuts fared with the OS; the Settings page shows it. */
  setShortcutReport(report: ShortcutStatus[]): void;
}

export function createDesktopState(
  ctx: HandlerContext,
  diagnostics: Pick<DesktopHandlers, 'app.diagnostics'>,
): DesktopState {
  const { db } = ctx.local;
  let report: ShortcutStatus[] | null = null;
  const view = (): DesktopView => ({ prefs: readDesktopPrefs(db), shortcuts: report });
  return {
    handlers: {
      ...diagnostics,
      'desktop.get': view,
      'desktop.update': (patch) => {
        const next = { ...readDesktopPrefs(db), ...patch };
        const clash = shortcutClash(next.shortcuts);
        if (clash) throw new CoreError('shortcut_clash', clash);
        writeUnsynced(ctx.local, 'desktop settings', (tx) =>
          tx.db
            .insert(settings)
            .values({ key, value: next })
            .onConflictDoUpdate({ target: settings.key, set: { value: next } })
            .run(),
        );
        // The shell listens for this to apply the change (tray, login item, shortcuts).
        ctx.events.emit('data.changed', { entity: 'settings', ids: [key] });
        return view();
      },
    },
    setShortcutReport(next) {
      report = next;
      ctx.events.emit('data.changed', { entity: 'settings', ids: ['desktop.shortcuts'] });
    },
  };
}

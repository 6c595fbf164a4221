import path from 'node:path';
import type { App, Menu, NativeImage, Tray } from 'electron';
import type { LineSnapshot } from '../../shared/api/line';
import type { MissedCall } from '../../shared/api/missed-calls';
import { api } from '../../shared/api';
import { Readiness } from '../../shared/api/voice';
import type { Core } from '../core/types';
import type { LineControls } from './line-controls';
import { badgeCount, trayIconKey, trayMenuTemplate, trayTooltip, type TrayActions, type TrayInput } from './tray-state';

/**
 * The tray / menu-bar icon and the dock / taskbar badge, kept in step with the core:
 * the line (`line.changed`), readiness (`voice.changed`), missed calls and overdue
 * follow-ups (re-read when calls or tasks change, and each minute since "overdue" moves
 * with the clock).
 */

export interface TrayDeps {
  Tray: new (image: NativeImage) => Pick<Tray, 'setImage' | 'setToolTip' | 'setContextMenu' | 'on' | 'destroy'>;
  Menu: Pick<typeof Menu, 'buildFromTemplate'>;
  nativeImage: { createFromPath(path: string): NativeImage };
  app: Pick<App, 'setBadgeCount'>;
  /** resources/tray (development) or <resources>/tray (packaged). */
  iconDir: string;
  core: Pick<Core, 'dispatch' | 'events'>;
  controls: Pick<LineControls, 'current' | 'setAvailability'>;
  actions: Omit<TrayActions, 'setAvailability'>;
  /** How often the counts are re-read regardless of events. */
  refreshMs?: number;
  setInterval?: (run: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

export interface TrayHandle {
  /** The state shown now, for tests and diagnostics. */
  shown(): TrayInput;
  /** Re-reads the counts and redraws; resolves once done. */
  refresh(): Promise<void>;
  close(): void;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

export function wireTray(deps: TrayDeps): TrayHandle {
  let readiness: Readiness['level'] | null = null;
  let missed = 0;
  let overdue = 0;
  let recentMissed: MissedCall[] = [];
  const image = (key: string) => deps.nativeImage.createFromPath(path.join(deps.iconDir, `${key}.png`));
  const input = (): TrayInput => ({ line: deps.controls.current(), readiness, missed });
  const actions: TrayActions = {
    ...deps.actions,
    setAvailability: (availability) => void deps.controls.setAvailability(availability),
  };
  const tray = new deps.Tray(image(trayIconKey(input())));
  tray.on('click', () => deps.actions.showConsole());

  const render = () => {
    const state = input();
    const line: LineSnapshot | null = deps.controls.current();
    tray.setImage(image(trayIconKey(state)));
    tray.setToolTip(trayTooltip(state));
    tray.setContextMenu(
      deps.Menu.buildFromTemplate(
        trayMenuTemplate({ ...state, returnTo: line?.returnTo ?? null, recentMissed }, actions, (iso) =>
          timeFormat.format(new Date(iso)),
        ),
      ),
    );
    deps.app.setBadgeCount(badgeCount(missed, overdue));
  };

  const refresh = async () => {
    const [missedReply, followUps, ready] = await Promise.all([
      deps.core.dispatch('calls.missed', { unhandledOnly: true, limit: 5 }),
      deps.core.dispatch('followUps.list', {}),
      deps.core.dispatch('voice.readiness', {}),
    ]);
    // Each answer is parsed with its API schema: a count that is not one is not shown.
    const missedValue = missedReply.ok ? api['calls.missed'].output.safeParse(missedReply.value) : null;
    if (missedValue?.success) {
      missed = missedValue.data.unhandled;
      recentMissed = missedValue.data.items;
    }
    const followUpValue = followUps.ok ? api['followUps.list'].output.safeParse(followUps.value) : null;
    if (followUpValue?.success) overdue = followUpValue.data.overdue;
    const readyValue = ready.ok ? Readiness.safeParse(ready.value) : null;
    if (readyValue?.success) readiness = readyValue.data.level;
    render();
  };

  const unsubscribe = deps.core.events.subscribe((name, payload) => {
    if (name === 'line.changed') render();
    else if (name === 'voice.changed') {
      readiness = (payload as Readiness).level;
      render();
    } else if (name === 'call.missed') void refresh();
    else if (name === 'data.changed') {
      const entity = (payload as { entity: string }).entity;
      if (entity === 'call' || entity === 'task') void refresh();
    }
  });
  const every = deps.setInterval ?? ((run, ms) => setInterval(run, ms));
  const stop = deps.clearInterval ?? ((handle) => clearInterval(handle as NodeJS.Timeout));
  const timer = every(() => void refresh(), deps.refreshMs ?? 60_000);
  render();
  void refresh();

  return {
    shown: input,
    refresh,
    close() {
      unsubscribe();
      stop(timer);
      tray.destroy();
    },
  };
}

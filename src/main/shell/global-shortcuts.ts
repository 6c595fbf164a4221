import type { GlobalShortcut } from 'electron';
import { shortcutLabels, type DesktopPrefs, type ShortcutAction, type ShortcutStatus } from '../../shared/api/desktop';

/**
 * OS-wide shortcuts: they work while another application has focus. Electron's
 * `globalShortcut.register` answers false when another application (or the OS) already
 * holds the combination; that is reported back in words for Settings, never dropped.
 */

export type ShortcutHandlers = Record<ShortcutAction, () => void> & { playPause: () => void; stop: () => void };

/** The headset keys, mapped when the agent allows it. */
const mediaKeys = [
  ['MediaPlayPause', 'playPause'],
  ['MediaStop', 'stop'],
] as const;

export interface GlobalShortcuts {
  /** Drops what was registered and registers `prefs` afresh; returns how each fared. */
  apply(prefs: Pick<DesktopPrefs, 'shortcuts' | 'mediaKeys'>): ShortcutStatus[];
  /** Releases every shortcut (at quit: the OS keeps none for a dead app, but tests check). */
  clear(): void;
}

export function createGlobalShortcuts(deps: {
  globalShortcut: Pick<GlobalShortcut, 'register' | 'unregister'>;
  handlers: ShortcutHandlers;
  platform: NodeJS.Platform;
}): GlobalShortcuts {
  let held: string[] = [];
  const clear = () => {
    for (const accelerator of held) deps.globalShortcut.unregister(accelerator);
    held = [];
  };
  const register = (
    action: ShortcutStatus['action'],
    label: string,
    accelerator: string,
    run: () => void,
  ): ShortcutStatus => {
    let registered: boolean;
    try {
      registered = deps.globalShortcut.register(accelerator, run);
    } catch (error) {
      // Electron throws for an accelerator it cannot read on this OS.
      const reason = error instanceof Error ? error.message : String(error);
      return { action, accelerator, state: 'failed', message: `${label}: ${accelerator} was refused (${reason}).` };
    }
    if (!registered) {
      return {
        action,
        accelerator,
        state: 'taken',
        message: `${label}: ${accelerator} is already used by another application or the system. Pick another.`,
      };
    }
    held.push(accelerator);
    return {
      action,
      accelerator,
      state: 'registered',
      message: `${label}: ${accelerator} works in every application.`,
    };
  };
  return {
    apply(prefs) {
      clear();
      const report: ShortcutStatus[] = [];
      for (const [action, accelerator] of Object.entries(prefs.shortcuts) as [ShortcutAction, string | null][]) {
        if (accelerator) report.push(register(action, shortcutLabels[action], accelerator, deps.handlers[action]));
      }
      if (prefs.mediaKeys) {
        for (const [accelerator, handler] of mediaKeys) {
          const status = register('media', 'Headset key', accelerator, deps.handlers[handler]);
          // macOS lets an app see media keys only once it is trusted for accessibility.
          if (status.state !== 'registered' && deps.platform === 'darwin') {
            status.message += ' On macOS, allow Switchboard under Privacy & Security → Accessibility.';
          }
          report.push(status);
        }
      }
      return report;
    },
    clear,
  };
}

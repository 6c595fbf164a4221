import type { App, Clipboard, GlobalShortcut } from 'electron';
import { DesktopView, type DesktopPrefs } from '../../shared/api/desktop';
import type { Core } from '../core/types';
import { createGlobalShortcuts, type GlobalShortcuts } from './global-shortcuts';
import type { LineControls } from './line-controls';

/**
 * The desktop preferences (desktop.get / desktop.update) applied to the OS: the login
 * item, the global shortcuts (with their report sent back to the core for Settings), and
 * close-to-tray, which the window asks about each time it is closed.
 */

export interface DesktopPrefsHandle {
  /** The preferences as last read (defaults until the first read answers). */
  current(): DesktopPrefs | null;
  /** Reads and applies them; resolves when done (tests await it). */
  apply(): Promise<void>;
  close(): void;
}

export function wireDesktopPrefs(deps: {
  core: Pick<Core, 'dispatch' | 'events' | 'handleDialLink' | 'setShortcutReport'>;
  app: Pick<App, 'setLoginItemSettings'>;
  globalShortcut: Pick<GlobalShortcut, 'register' | 'unregister'>;
  clipboard: Pick<Clipboard, 'readText'>;
  controls: LineControls;
  focusConsole: () => void;
  platform: NodeJS.Platform;
  log: (message: string) => void;
}): DesktopPrefsHandle {
  let prefs: DesktopPrefs | null = null;
  const shortcuts: GlobalShortcuts = createGlobalShortcuts({
    globalShortcut: deps.globalShortcut,
    platform: deps.platform,
    handlers: {
      answer: () => void deps.controls.answer(),
      hangup: () => void deps.controls.hangUp(),
      mute: () => void deps.controls.toggleMute(),
      hold: () => void deps.controls.toggleHold(),
      showConsole: deps.focusConsole,
      dialClipboard: () => void dialClipboard(deps),
      playPause: () => void deps.controls.playPause(),
      stop: () => void deps.controls.hangUp(),
    },
  });
  // The last login setting given to the OS, so an unrelated change does not rewrite it.
  let loginItem: boolean | null = null;
  const apply = async () => {
    const reply = await deps.core.dispatch('desktop.get', {});
    if (!reply.ok) {
      deps.log(`desktop preferences unreadable: ${reply.error.message}`);
      return;
    }
    const parsed = DesktopView.safeParse(reply.value);
    if (!parsed.success) {
      deps.log('desktop preferences unreadable: the core answered something else');
      return;
    }
    const next = parsed.data.prefs;
    const shortcutsChanged =
      JSON.stringify([next.shortcuts, next.mediaKeys]) !== JSON.stringify(prefs && [prefs.shortcuts, prefs.mediaKeys]);
    prefs = next;
    if (loginItem !== next.startAtLogin) {
      deps.app.setLoginItemSettings({ openAtLogin: next.startAtLogin });
      loginItem = next.startAtLogin;
    }
    if (shortcutsChanged) deps.core.setShortcutReport?.(shortcuts.apply(next));
  };
  const unsubscribe = deps.core.events.subscribe((name, payload) => {
    if (name === 'data.changed' && (payload as { ids: string[] }).ids.includes('desktop')) void apply();
  });
  return {
    current: () => prefs,
    apply,
    close() {
      unsubscribe();
      shortcuts.clear();
    },
  };
}

/**
 * The clipboard's text as a tel: link, handed to the core like any clicked link: the
 * console opens its confirm sheet, which applies the do-not-contact rules and auto-dial.
 */
async function dialClipboard(deps: {
  clipboard: Pick<Clipboard, 'readText'>;
  core: Pick<Core, 'handleDialLink'>;
  focusConsole: () => void;
  log: (message: string) => void;
}): Promise<void> {
  const text = (await deps.clipboard.readText()).trim().slice(0, 200);
  deps.focusConsole();
  if (text === '') {
    deps.log('dial clipboard: the clipboard holds no text');
    return;
  }
  const uri = /^(tel|callto|sip):/i.test(text) ? text : `tel:${text.replace(/[\s()]+/g, '')}`;
  deps.core.handleDialLink(uri);
}

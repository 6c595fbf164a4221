import { z } from 'zod';
import type { ApiTable, EventTable } from './table';

/**
 * The desktop app's own preferences: the tray, start at login and global shortcuts.
 * Kept on this computer only (like the audio devices), in the settings table under one
 * key, and applied by the Electron shell; browser mode stores them but has no tray or
 * OS-wide shortcuts, and says so.
 */

export const ShortcutAction = z.enum(['answer', 'hangup', 'mute', 'hold', 'showConsole', 'dialClipboard']);
export type ShortcutAction = z.infer<typeof ShortcutAction>;

export const shortcutLabels: Record<ShortcutAction, string> = {
  answer: 'Answer the ringing call',
  hangup: 'Hang up or reject',
  mute: 'Mute or unmute',
  hold: 'Hold or resume',
  showConsole: 'Show the console',
  dialClipboard: 'Dial the number on the clipboard',
};

const modifierNames = new Map(
  Object.entries({
    command: 'Command',
    cmd: 'Command',
    control: 'Ctrl',
    ctrl: 'Ctrl',
    commandorcontrol: 'CommandOrControl',
    cmdorctrl: 'CommandOrControl',
    alt: 'Alt',
    option: 'Alt',
    altgr: 'AltGr',
    shift: 'Shift',
    super: 'Super',
    meta: 'Super',
  }),
);
const namedKeys = new Map(
  [
    'Space',
    'Tab',
    'Backspace',
    'Delete',
    'Insert',
    'Enter',
    'Up',
    'Down',
    'Left',
    'Right',
    'Home',
    'End',
    'PageUp',
    'PageDown',
    'Escape',
    'Plus',
    'MediaPlayPause',
    'MediaStop',
    'MediaNextTrack',
    'MediaPreviousTrack',
  ].map((key) => [key.toLowerCase(), key]),
);
/** Keys that may stand alone: pressing them never types anything into another app. */
const soloKey = /^(F1[3-9]|F2[0-4]|Media\w+)$/;

/**
 * Reads an accelerator as Electron spells it ("Ctrl+Shift+A"), in any case, and gives it
 * back in one spelling, so "ctrl+shift+a" and "Control+Shift+A" are seen as the same
 * shortcut. A global shortcut without a modifier would swallow that key in every other
 * application, so one is required, except for F13–F24 and the media keys.
 */
export function parseAccelerator(text: string): { ok: true; value: string } | { ok: false; message: string } {
  const parts = text
    .split('+')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length === 0) return { ok: false, message: 'The shortcut is empty.' };
  const modifiers: string[] = [];
  for (const part of parts.slice(0, -1)) {
    const name = modifierNames.get(part.toLowerCase());
    if (!name) return { ok: false, message: `“${part}” is not a modifier (use Ctrl, Alt, Shift, Command or Super).` };
    if (!modifiers.includes(name)) modifiers.push(name);
  }
  const last = parts[parts.length - 1] ?? '';
  let key: string | undefined;
  if (/^[a-z0-9]$/i.test(last)) key = last.toUpperCase();
  else if (/^f([1-9]|1\d|2[0-4])$/i.test(last)) key = last.toUpperCase();
  else key = namedKeys.get(last.toLowerCase());
  if (!key) return { ok: false, message: `“${last}” is not a key a shortcut can use.` };
  if (modifiers.length === 0 && !soloKey.test(key)) {
    return { ok: false, message: `${key} alone would stop it typing in other apps: add Ctrl, Alt or Shift.` };
  }
  return { ok: true, value: [...modifiers, key].join('+') };
}

export const Accelerator = z.string().transform((text, ctx) => {
  const parsed = parseAccelerator(text);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  }
  return parsed.value;
});

export const ShortcutMap = z.object(
  Object.fromEntries(ShortcutAction.options.map((action) => [action, Accelerator.nullable()])) as Record<
    ShortcutAction,
    z.ZodNullable<typeof Accelerator>
  >,
);
export type ShortcutMap = z.infer<typeof ShortcutMap>;

/** Two actions on one shortcut: the second would never fire. Returns the clash in words. */
export function shortcutClash(map: Partial<Record<ShortcutAction, string | null>>): string | null {
  const seen = new Map<string, ShortcutAction>();
  for (const action of ShortcutAction.options) {
    const accelerator = map[action];
    if (!accelerator) continue;
    const other = seen.get(accelerator);
    if (other) return `${shortcutLabels[other]} and ${shortcutLabels[action]} both use ${accelerator}.`;
    seen.set(accelerator, action);
  }
  return null;
}

export const DesktopPrefs = z.object({
  /** Closing the window hides it to the tray; Quit (tray or menu) ends the app. */
  closeToTray: z.boolean(),
  startAtLogin: z.boolean(),
  shortcuts: ShortcutMap.superRefine((map, ctx) => {
    const clash = shortcutClash(map);
    if (clash) ctx.addIssue({ code: 'custom', message: clash });
  }),
  /** A headset's play/pause answers a ringing call and hangs up a live one. */
  mediaKeys: z.boolean(),
});
export type DesktopPrefs = z.infer<typeof DesktopPrefs>;

export function defaultDesktopPrefs(): DesktopPrefs {
  return {
    closeToTray: true,
    startAtLogin: false,
    shortcuts: {
      answer: 'CommandOrControl+Shift+A',
      hangup: 'CommandOrControl+Shift+H',
      mute: 'CommandOrControl+Shift+M',
      hold: 'CommandOrControl+Shift+J',
      showConsole: 'CommandOrControl+Shift+S',
      dialClipboard: 'CommandOrControl+Shift+D',
    },
    mediaKeys: true,
  };
}

/** How one shortcut fared with the OS. `taken`: another application holds it. */
export const ShortcutStatus = z.object({
  /** A ShortcutAction, or `media` for the headset keys. */
  action: z.union([ShortcutAction, z.literal('media')]),
  accelerator: z.string(),
  state: z.enum(['registered', 'taken', 'failed']),
  message: z.string(),
});
export type ShortcutStatus = z.infer<typeof ShortcutStatus>;

export const DesktopView = z.object({
  prefs: DesktopPrefs,
  /** What the shell got from the OS; null where no desktop shell runs (browser mode). */
  shortcuts: z.array(ShortcutStatus).nullable(),
});
export type DesktopView = z.infer<typeof DesktopView>;

export const desktopApi = {
  'desktop.get': {
    input: z.object({}).strict(),
    output: DesktopView,
    summary: 'The tray, login and shortcut preferences of this computer, and how the shortcuts registered.',
  },
  'desktop.update': {
    input: z
      .object({
        closeToTray: z.boolean().optional(),
        startAtLogin: z.boolean().optional(),
        shortcuts: ShortcutMap.optional(),
        mediaKeys: z.boolean().optional(),
      })
      .strict(),
    output: DesktopView,
    summary: 'Changes some desktop preferences; the shell re-registers the shortcuts and answers with the result.',
  },
} as const satisfies ApiTable;

export const desktopEvents = {
  /**
   * The shell asks the console to open a screen (a tray item or a notification was
   * clicked): a route of the console's own hash form, "#/missed" or "#/missed/<id>".
   */
  'app.navigate': z.object({ hash: z.string().regex(/^#\/[\w/-]*$/) }),
} as const satisfies EventTable;

export const Diagnostics = z.object({
  generatedAt: z.string(),
  /** The report for support, redacted (no secrets, phone numbers masked), as copied. */
  text: z.string(),
});
export type Diagnostics = z.infer<typeof Diagnostics>;

export const diagnosticsApi = {
  'app.diagnostics': {
    input: z.object({}).strict(),
    output: Diagnostics,
    summary:
      'For support: versions, line readiness, registration history, last errors and sync state, with secrets and numbers hidden.',
  },
} as const satisfies ApiTable;

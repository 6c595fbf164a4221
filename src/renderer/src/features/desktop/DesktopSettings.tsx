import { useEffect, useState, type FormEvent } from 'react';
import {
  ShortcutAction,
  parseAccelerator,
  shortcutClash,
  shortcutLabels,
  type DesktopPrefs,
  type ShortcutStatus,
} from '../../../../shared/api/desktop';
import { call, errorMessage } from '../../bridge/client';
import { useQuery } from '../../bridge/use-query';
import { useUi } from '../../state/ui-store';
import './desktop.css';

type Draft = Omit<DesktopPrefs, 'shortcuts'> & { shortcuts: Record<ShortcutAction, string> };

const toDraft = (prefs: DesktopPrefs): Draft => ({
  ...prefs,
  shortcuts: Object.fromEntries(ShortcutAction.options.map((a) => [a, prefs.shortcuts[a] ?? ''])) as Draft['shortcuts'],
});

/** The form's shortcuts as the core takes them (empty: none), or the first problem in words. */
function readShortcuts(draft: Draft): { ok: true; value: DesktopPrefs['shortcuts'] } | { ok: false; message: string } {
  const value = {} as Record<ShortcutAction, string | null>;
  for (const action of ShortcutAction.options) {
    const text = draft.shortcuts[action].trim();
    if (text === '') {
      value[action] = null;
      continue;
    }
    const parsed = parseAccelerator(text);
    if (!parsed.ok) return { ok: false, message: `${shortcutLabels[action]}: ${parsed.message}` };
    value[action] = parsed.value;
  }
  const clash = shortcutClash(value);
  return clash ? { ok: false, message: clash } : { ok: true, value };
}

/**
 * Settings → Desktop and shortcuts: the tray, start at login and the OS-wide shortcuts,
 * with what the OS said of each (a shortcut another application holds is shown as such).
 */
export function DesktopSettings() {
  const desktop = useQuery('desktop.get', {}, ['settings']);
  const toast = useUi((s) => s.toast);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setDraft(desktop.data ? toDraft(desktop.data.prefs) : null), [desktop.data]);
  if (!draft || !desktop.data) return null;
  const report = desktop.data.shortcuts;
  const statusOf = (action: ShortcutStatus['action'], accelerator?: string | null) =>
    report?.find((s) => s.action === action && (accelerator === undefined || s.accelerator === accelerator)) ?? null;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const shortcuts = readShortcuts(draft);
    if (!shortcuts.ok) {
      setError(shortcuts.message);
      return;
    }
    try {
      await call('desktop.update', { ...draft, shortcuts: shortcuts.value });
      toast('info', 'Desktop settings saved.');
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const check = (field: 'closeToTray' | 'startAtLogin' | 'mediaKeys', text: string) => (
    <label className="inline">
      <input
        type="checkbox"
        checked={draft[field]}
        onChange={(e) => setDraft({ ...draft, [field]: e.target.checked })}
      />{' '}
      {text}
    </label>
  );
  const media = report?.filter((s) => s.action === 'media' && s.state !== 'registered') ?? [];
  return (
    <form className="form card" onSubmit={save} aria-labelledby="desktop-settings-title">
      <h2 id="desktop-settings-title">Desktop and shortcuts</h2>
      <p className="hint">
        {report === null
          ? 'The tray and the shortcuts work in the desktop app; in this browser window they are saved for it.'
          : 'Shortcuts work while another application is in front. Leave one empty to turn it off.'}
      </p>
      {check('closeToTray', 'Closing the window keeps Switchboard running in the tray')}
      {check('startAtLogin', 'Start Switchboard when I log in')}
      <h3>Shortcuts</h3>
      <div className="shortcut-grid">
        {ShortcutAction.options.map((action) => {
          const status = statusOf(action);
          const id = `shortcut-${action}`;
          return (
            <div key={action} className="shortcut-field">
              <label>
                {shortcutLabels[action]}
                <input
                  value={draft.shortcuts[action]}
                  placeholder="None"
                  spellCheck={false}
                  aria-describedby={status && status.state !== 'registered' ? `${id}-status` : undefined}
                  onChange={(e) => setDraft({ ...draft, shortcuts: { ...draft.shortcuts, [action]: e.target.value } })}
                />
              </label>
              {status && status.state !== 'registered' && (
                <p id={`${id}-status`} className="error-text">
                  {status.message}
                </p>
              )}
            </div>
          );
        })}
      </div>
      {check('mediaKeys', 'A headset’s play/pause key answers and hangs up')}
      {media.map((s) => (
        <p key={s.accelerator} className="error-text">
          {s.message}
        </p>
      ))}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary">
          Save desktop settings
        </button>
      </div>
    </form>
  );
}

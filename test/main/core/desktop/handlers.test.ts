import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { settings } from '../../../../src/main/core/db/schema';
import { databaseFileName } from '../../../../src/main/core/create-core';
import { defaultDesktopPrefs, type DesktopView } from '../../../../src/shared/api/desktop';
import { call, openTestDb, testCore } from '../helpers';

describe('desktop preferences', () => {
  it('are the defaults at first, with no shortcut report until a shell gives one', async () => {
    const core = testCore();
    expect(await call(core, 'desktop.get', {})).toEqual({ prefs: defaultDesktopPrefs(), shortcuts: null });
  });

  it('save as Settings sends them (accelerators in any spelling) and read back after a restart, one spelling', async () => {
    const core = testCore();
    const saved = await call<DesktopView>(core, 'desktop.update', {
      closeToTray: false,
      startAtLogin: true,
      mediaKeys: false,
      shortcuts: {
        answer: 'ctrl+alt+a',
        hangup: 'Control+Alt+H',
        mute: null,
        hold: 'cmdorctrl+shift+j',
        showConsole: 'F13',
        dialClipboard: 'Super+d',
      },
    });
    const expected = {
      closeToTray: false,
      startAtLogin: true,
      mediaKeys: false,
      shortcuts: {
        answer: 'Ctrl+Alt+A',
        hangup: 'Ctrl+Alt+H',
        mute: null,
        hold: 'CommandOrControl+Shift+J',
        showConsole: 'F13',
        dialClipboard: 'Super+D',
      },
    };
    expect(saved.prefs).toEqual(expected);
    core.close();
    const again = testCore({ dataDir: core.dataDir });
    expect((await call<DesktopView>(again, 'desktop.get', {})).prefs).toEqual(expected);
  });

  it('refuses two actions on one shortcut, in words', async () => {
    const core = testCore();
    const reply = await core.dispatch('desktop.update', {
      shortcuts: { ...defaultDesktopPrefs().shortcuts, mute: 'CommandOrControl+Shift+A' },
    });
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'shortcut_clash',
        message: 'Answer the ringing call and Mute or unmute both use CommandOrControl+Shift+A.',
      },
    });
  });

  it('refuses a shortcut without a modifier, which would stop that key typing in other apps', async () => {
    const core = testCore();
    const reply = await core.dispatch('desktop.update', {
      shortcuts: { ...defaultDesktopPrefs().shortcuts, answer: 'A' },
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(JSON.stringify(reply)).toContain('A alone would stop it typing in other apps: add Ctrl, Alt or Shift.');
  });

  it('shows the report the shell sends and tells the console to re-read it', async () => {
    const core = testCore();
    const seen: unknown[] = [];
    core.events.subscribe((name, payload) => seen.push([name, payload]));
    const report = [{ action: 'mute' as const, accelerator: 'Ctrl+M', state: 'taken' as const, message: 'taken' }];
    core.setShortcutReport?.(report);
    expect((await call<DesktopView>(core, 'desktop.get', {})).shortcuts).toEqual(report);
    expect(seen).toContainEqual(['data.changed', { entity: 'settings', ids: ['desktop.shortcuts'] }]);
  });

  it('a stored field from a newer build that no longer parses falls back alone to its default', async () => {
    const core = testCore();
    await call(core, 'desktop.update', { closeToTray: false });
    core.close();
    const local = openTestDb({ file: path.join(core.dataDir, databaseFileName) });
    const stored = local.db.select().from(settings).where(eq(settings.key, 'desktop')).get()!.value as object;
    local.db
      .update(settings)
      .set({ value: { ...stored, mediaKeys: 'sometimes' } })
      .where(eq(settings.key, 'desktop'))
      .run();
    local.close();
    const again = testCore({ dataDir: core.dataDir });
    const prefs = (await call<DesktopView>(again, 'desktop.get', {})).prefs;
    expect(prefs.closeToTray).toBe(false);
    expect(prefs.mediaKeys).toBe(true);
  });
});

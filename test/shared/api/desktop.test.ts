import { describe, expect, it } from 'vitest';
import { parseAccelerator, shortcutClash } from '../../../src/shared/api/desktop';

describe('parseAccelerator', () => {
  it('reads any spelling and gives back one', () => {
    expect(parseAccelerator('ctrl+shift+a')).toEqual({ ok: true, value: 'Ctrl+Shift+A' });
    expect(parseAccelerator(' Control + Shift + a ')).toEqual({ ok: true, value: 'Ctrl+Shift+A' });
    expect(parseAccelerator('cmdorctrl+alt+f12')).toEqual({ ok: true, value: 'CommandOrControl+Alt+F12' });
    expect(parseAccelerator('Option+Meta+pageup')).toEqual({ ok: true, value: 'Alt+Super+PageUp' });
    expect(parseAccelerator('Shift+Shift+1')).toEqual({ ok: true, value: 'Shift+1' });
  });

  it('lets F13–F24 and the media keys stand alone, nothing else', () => {
    expect(parseAccelerator('F13')).toEqual({ ok: true, value: 'F13' });
    expect(parseAccelerator('mediaplaypause')).toEqual({ ok: true, value: 'MediaPlayPause' });
    expect(parseAccelerator('F5')).toEqual({
      ok: false,
      message: 'F5 alone would stop it typing in other apps: add Ctrl, Alt or Shift.',
    });
    expect(parseAccelerator('Space')).toMatchObject({ ok: false });
  });

  it('says what is wrong', () => {
    expect(parseAccelerator('')).toEqual({ ok: false, message: 'The shortcut is empty.' });
    expect(parseAccelerator('Hyper+A')).toEqual({
      ok: false,
      message: '“Hyper” is not a modifier (use Ctrl, Alt, Shift, Command or Super).',
    });
    expect(parseAccelerator('Ctrl+Shift+Ä')).toEqual({ ok: false, message: '“Ä” is not a key a shortcut can use.' });
    expect(parseAccelerator('Ctrl+F25')).toMatchObject({ ok: false });
  });
});

describe('shortcutClash', () => {
  it('names the two actions that share a shortcut', () => {
    expect(shortcutClash({ answer: 'Ctrl+A', hangup: 'Ctrl+H', mute: 'Ctrl+A' })).toBe(
      'Answer the ringing call and Mute or unmute both use Ctrl+A.',
    );
    expect(shortcutClash({ answer: 'Ctrl+A', hangup: null, mute: null })).toBeNull();
  });
});

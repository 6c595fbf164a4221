import { describe, expect, it } from 'vitest';
import { Settings } from '../../../../src/shared/api/settings';
import { defaultSettings } from '../../../../src/main/core/db/repositories/settings';
import { call, testCore } from '../helpers';

describe('settings handlers', () => {
  it('saves the whole form as the console sends it, with no ringer device (null), and reads it back after a restart', async () => {
    const core = testCore();
    const form: Settings = {
      agentName: 'Dana Whitfield',
      defaultRegion: 'GB',
      timeZone: 'Europe/London',
      autoDial: true,
      doNotContactPolicy: 'warn',
      ringerDeviceId: null,
      microphoneDeviceId: null,
      speakerDeviceId: null,
    };
    expect(await call(core, 'settings.update', form)).toEqual(form);
    core.close();
    const again = testCore({ dataDir: core.dataDir });
    expect(await call(again, 'settings.get', {})).toEqual(form);
  });

  it('a ringer device can be chosen and then cleared back to the system default', async () => {
    const core = testCore();
    await call(core, 'settings.update', { ringerDeviceId: 'speaker-2' });
    expect(await call(core, 'settings.get', {})).toMatchObject({ ringerDeviceId: 'speaker-2' });
    await call(core, 'settings.update', { ringerDeviceId: null });
    expect(await call(core, 'settings.get', {})).toMatchObject({ ringerDeviceId: null });
  });

  it('every nullable setting defaults to null, so storing null as "no row" reads back the same', () => {
    const defaults = defaultSettings() as Record<string, unknown>;
    for (const [key, schema] of Object.entries(Settings.shape)) {
      if (schema.safeParse(null).success) expect(defaults[key], key).toBeNull();
    }
  });

  it('refuses a default region with no numbering plan (UK, ZZ) and keeps the one saved', async () => {
    const core = testCore();
    await call(core, 'settings.update', { defaultRegion: 'GB' });
    for (const region of ['UK', 'ZZ']) {
      expect(await core.dispatch('settings.update', { defaultRegion: region })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
    expect(await call(core, 'settings.get', {})).toMatchObject({ defaultRegion: 'GB' });
  });

  it('refuses "UK" with the same words as the Settings form, hint included', async () => {
    const core = testCore();
    const reply = await core.dispatch('settings.update', { defaultRegion: 'UK' });
    const words =
      '“UK” is not a country code Switchboard knows. Use the two-letter code, such as US, GB or DE. For the United Kingdom it is GB.';
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'defaultRegion', message: words }] },
    });
    expect(reply.ok ? '' : reply.error.message).toContain(words);
  });

  it('a time zone typed in lower case is saved as the zone database spells it', async () => {
    const core = testCore();
    expect(await call(core, 'settings.update', { timeZone: 'europe/london' })).toMatchObject({
      timeZone: 'Europe/London',
    });
    expect(await call(core, 'settings.get', {})).toMatchObject({ timeZone: 'Europe/London' });
  });
});

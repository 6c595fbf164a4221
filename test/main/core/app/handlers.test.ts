import { describe, expect, it } from 'vitest';
import { readMigrations } from '../../../../src/main/core/db/migrate';
import { call, migrationsDir, testCore } from '../helpers';

describe('app and links handlers', () => {
  it('app.info reports version, data folder, host, line, schema version and a stable user id', async () => {
    const core = testCore();
    const info = await call<Record<string, unknown>>(core, 'app.info', {});
    expect(info).toEqual({
      version: '0.0.0-test',
      dataDir: core.dataDir,
      host: 'browser',
      line: 'simulated',
      schemaVersion: readMigrations(migrationsDir).length,
      userId: expect.any(String),
    });
    core.close();
    const again = testCore({ dataDir: core.dataDir });
    expect((await call<{ userId: string }>(again, 'app.info', {})).userId).toBe(info.userId);
  });

  it('links.open parses with the settings’ region, emits dial.requested and returns the number', async () => {
    const core = testCore();
    await call(core, 'settings.update', { defaultRegion: 'GB' });
    const events: unknown[] = [];
    core.events.subscribe((name, payload) => events.push([name, payload]));
    expect(await call(core, 'links.open', { uri: 'tel:020-7946-0101;ext=12' })).toEqual({
      number: { e164: '+442079460101', extension: '12' },
    });
    expect(events).toEqual([
      ['dial.requested', { uri: 'tel:020-7946-0101;ext=12', number: { e164: '+442079460101', extension: '12' } }],
    ]);
  });

  it('handleDialLink is the same function: a link with nothing dialable still opens the console, with no number', async () => {
    const core = testCore();
    const events: unknown[] = [];
    core.events.subscribe((name, payload) => events.push([name, payload]));
    expect(core.handleDialLink('callto://+12125550101/')).toEqual({ e164: '+12125550101' });
    expect(core.handleDialLink('mailto:someone@example.com')).toBeNull();
    expect(events).toEqual([
      ['dial.requested', { uri: 'callto://+12125550101/', number: { e164: '+12125550101' } }],
      ['dial.requested', { uri: 'mailto:someone@example.com', number: null }],
    ]);
  });

  it('an sms: link asks for the compose sheet (sms.requested), not the dial sheet', async () => {
    const core = testCore();
    const events: unknown[] = [];
    core.events.subscribe((name, payload) => events.push([name, payload]));
    expect(await call(core, 'links.open', { uri: 'sms:+1-212-555-0101?body=Hello' })).toEqual({
      number: { e164: '+12125550101' },
    });
    expect(core.handleDialLink('SMSTO:nonsense')).toBeNull();
    expect(events).toEqual([
      ['sms.requested', { uri: 'sms:+1-212-555-0101?body=Hello', number: '+12125550101' }],
      ['sms.requested', { uri: 'SMSTO:nonsense', number: null }],
    ]);
  });

  it('settings.update validates, persists and emits data.changed', async () => {
    const core = testCore();
    const events: unknown[] = [];
    core.events.subscribe((name, payload) => events.push([name, payload]));
    expect(await core.dispatch('settings.update', { defaultRegion: 'gb' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    await call(core, 'settings.update', { autoDial: true });
    expect(await call(core, 'settings.get', {})).toMatchObject({ autoDial: true });
    expect(events).toEqual([['data.changed', { entity: 'settings', ids: ['autoDial'] }]]);
  });
});

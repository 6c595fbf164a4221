import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScreenPop } from '../../../src/shared/api/line';
import { describeCaller } from '../../../src/main/shell/incoming-call-alert';
import { startShell } from '../../../src/main/shell/start';
import { createFakeCore } from './fake-core';
import * as electron from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { app, BrowserWindow, Notification } = electron;

function pop(matches: Partial<ScreenPop['matches'][number]>[] = [{}]): ScreenPop {
  return {
    number: '+442079460018',
    numberDisplay: '+44 20 7946 0018',
    numberLocalTime: null,
    matches: matches.map((m) => ({
      type: 'contact',
      id: 'c1',
      name: 'Ada Lovelace',
      title: 'CTO',
      account: { id: 'a1', name: 'Analytical Engines Ltd' },
      tags: [],
      doNotContact: false,
      doNotContactReason: null,
      phoneKind: 'work',
      localTime: null,
      recentCalls: [],
      openTasks: [],
      customer: null,
      ...m,
    })),
  };
}

async function start() {
  const fake = createFakeCore();
  const started = startShell({
    createCore: () => fake.core,
    mainDir: '/fake/out/main',
    argv: ['switchboard'],
    env: {},
    platform: 'linux',
  });
  app.becomeReady();
  await started;
  const window = BrowserWindow.instances[0]!;
  window.finishLoad();
  window.focus();
  return { fake, window };
}

beforeEach(() => electron.resetFakeElectron());

describe('incoming call notification', () => {
  it('pops an OS notification naming the caller when the console is not focused, and a click brings it forward', async () => {
    const { fake, window } = await start();
    window.blur();
    fake.emit('line.incoming', { snapshot: { phase: 'ringing-in' }, pop: pop() });
    const notification = Notification.instances.at(-1)!;
    expect(notification.shown).toBe(true);
    expect(notification.options).toMatchObject({
      title: 'Incoming call',
      body: 'Ada Lovelace, Analytical Engines Ltd · +44 20 7946 0018',
      urgency: 'critical',
    });
    notification.emit('click');
    expect(window.focused).toBe(true);
  });

  it('stays quiet while the agent is looking at the console (the pop is on screen)', async () => {
    const { fake } = await start();
    fake.emit('line.incoming', { snapshot: { phase: 'ringing-in' }, pop: pop() });
    expect(Notification.instances).toHaveLength(0);
  });

  it('is withdrawn when the call stops ringing', async () => {
    const { fake, window } = await start();
    window.blur();
    fake.emit('line.incoming', { snapshot: { phase: 'ringing-in' }, pop: pop() });
    const notification = Notification.instances.at(-1)!;
    fake.emit('line.changed', { phase: 'ringing-in' });
    expect(notification.closed).toBe(false);
    fake.emit('line.changed', { phase: 'wrap-up' });
    expect(notification.closed).toBe(true);
  });

  it('announces a call missed while Away when the console is not in front, and not one the agent declined', async () => {
    const { fake, window } = await start();
    window.blur();
    const missed = { callId: 'c1', caller: 'Ada Lovelace', taskId: 't1', at: '2026-03-10T14:00:00.000Z' };
    fake.emit('call.missed', { ...missed, reason: 'rejected', availability: 'Available' });
    expect(Notification.instances).toHaveLength(0);
    fake.emit('call.missed', { ...missed, reason: 'unavailable', availability: 'Away' });
    expect(Notification.instances.at(-1)!.options).toMatchObject({
      title: 'Missed call',
      body: 'Missed call from Ada Lovelace while you were Away. A call-back task was added.',
    });
  });

  it('describes unknown callers, several matches and do-not-contact', () => {
    expect(describeCaller(pop([]))).toBe('Unknown caller · +44 20 7946 0018');
    expect(describeCaller(pop([{}, { id: 'c2' }]))).toBe('+44 20 7946 0018 · 2 matching records');
    expect(describeCaller(pop([{ doNotContact: true, account: null }]))).toBe(
      'Ada Lovelace (do not contact) · +44 20 7946 0018',
    );
  });
});

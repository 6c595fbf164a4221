import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { voiceIpcChannels, type HostEvent } from '../../../src/shared/voice/host-protocol';
import type { CoreOptions } from '../../../src/main/core/types';
import { createVoiceHostLink } from '../../../src/main/core/telephony/voice-host-link';
import { startShell } from '../../../src/main/shell/start';
import { createVoiceBridge } from '../../../src/preload/voice-bridge';
import { createFakeCore } from './fake-core';
import * as electron from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { app, BrowserWindow, ipcMain, session, powerMonitor, dialog } = electron;

/** Starts the shell with a core that has a Twilio line (a voice host link). */
async function start(mainDir = '/fake/app/out/main') {
  const fake = createFakeCore();
  const link = createVoiceHostLink();
  const systemResumed = vi.fn();
  const core = Object.assign(fake.core, { voiceHost: link, systemResumed });
  const linkEvents: string[] = [];
  link.on((event) => linkEvents.push(event.type === 'gone' ? 'gone' : event.event.type));
  const started = startShell({
    createCore: (_options: CoreOptions) => core,
    mainDir,
    argv: ['switchboard'],
    env: {},
    platform: 'linux',
  });
  app.becomeReady();
  const shell = await started;
  const voice = BrowserWindow.instances.find((w) => w.options['title'] === 'Switchboard voice host')!;
  return { shell, fake, link, voice, linkEvents, systemResumed };
}

const hello = JSON.stringify({ type: 'hello' } satisfies HostEvent);

beforeEach(() => electron.resetFakeElectron());

describe('the voice host window (Electron)', () => {
  it('is hidden, sandboxed, isolated, never throttled, allowed to ring, with its own preload', async () => {
    const { voice } = await start();
    expect(voice.options).toMatchObject({ show: false, skipTaskbar: true });
    expect(voice.options['webPreferences']).toMatchObject({
      preload: '/fake/app/out/preload/voice.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      backgroundThrottling: false,
      autoplayPolicy: 'no-user-gesture-required',
    });
    expect(voice.loaded).toEqual(['app://switchboard/voice-host.html']);
    expect(voice.visible).toBe(false);
    // The console window is still the first one, and shown as before.
    expect(BrowserWindow.instances[0]!.options['title']).toBe('Switchboard');
  });

  it('passes the page’s messages to the core only from its own page, and commands back to it', async () => {
    const { voice, link, linkEvents } = await start();
    const contents = voice.webContents;
    ipcMain.sendFrom(contents, 'app://switchboard/voice-host.html', voiceIpcChannels.message, hello);
    expect(linkEvents).toEqual(['hello']);
    // Another window, a foreign frame or a non-text message: ignored.
    const other = BrowserWindow.instances[0]!.webContents;
    ipcMain.sendFrom(other, 'app://switchboard/index.html', voiceIpcChannels.message, hello);
    ipcMain.sendFrom(contents, 'https://evil.example/', voiceIpcChannels.message, hello);
    ipcMain.sendFrom(contents, 'app://switchboard/voice-host.html', voiceIpcChannels.message, { type: 'hello' });
    expect(linkEvents).toEqual(['hello']);
    // A malformed message is refused by the schema at the link.
    ipcMain.sendFrom(contents, 'app://switchboard/voice-host.html', voiceIpcChannels.message, '{"type":"nope"}');
    expect(link.refused()).toBe(1);
    expect(link.send({ type: 'register' })).toBe(true);
    expect(contents.sent).toContainEqual([voiceIpcChannels.command, '{"type":"register"}']);
  });

  it('notices a crash, tells the core, and creates the voice host again after a delay', async () => {
    vi.useFakeTimers();
    try {
      const { voice, linkEvents, link } = await start();
      voice.webContents.emit('render-process-gone', new electron.FakeEvent(), { reason: 'crashed' });
      expect(linkEvents).toEqual(['gone']);
      expect(link.connected()).toBe(false);
      const before = BrowserWindow.instances.length;
      vi.advanceTimersByTime(1_000);
      expect(BrowserWindow.instances.length).toBe(before + 1);
      expect(BrowserWindow.instances.at(-1)!.loaded).toEqual(['app://switchboard/voice-host.html']);
      expect(link.connected()).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('serves the voice host page with Twilio’s exact hosts added to connect-src, and the console without them', async () => {
    const base = mkdtempSync(path.join(tmpdir(), 'switchboard-voice-'));
    mkdirSync(path.join(base, 'out', 'renderer'), { recursive: true });
    writeFileSync(path.join(base, 'out', 'renderer', 'index.html'), '<!doctype html>');
    writeFileSync(path.join(base, 'out', 'renderer', 'voice-host.html'), '<!doctype html>');
    await start(path.join(base, 'out', 'main'));
    const handler = session.defaultSession.protocolHandlers.get('app')!;
    const voiceCsp = (await handler(new Request('app://switchboard/voice-host.html'))).headers.get(
      'content-security-policy',
    )!;
    const consoleCsp = (await handler(new Request('app://switchboard/index.html'))).headers.get(
      'content-security-policy',
    )!;
    const connect = (csp: string) => csp.split('; ').find((d) => d.startsWith('connect-src'))!;
    expect(connect(consoleCsp)).toBe("connect-src 'self'");
    expect(connect(voiceCsp)).toContain('wss://voice-js.roaming.twilio.com');
    expect(connect(voiceCsp)).toContain('wss://voice-js.ashburn.twilio.com');
    expect(connect(voiceCsp)).toContain('https://eventgw.twilio.com');
    // Exact hosts only: no wildcard, no plain http, nothing but Twilio's.
    for (const source of connect(voiceCsp).split(' ').slice(1)) {
      expect(source).toMatch(/^'self'$|^wss:\/\/voice-js\.[a-z-]+\.twilio\.com$|^https:\/\/eventgw\.twilio\.com$/);
    }
    expect(voiceCsp).toContain("media-src 'self'");
  });

  it('grants the microphone to the voice host page (our origin) and to nobody else', async () => {
    await start();
    const ses = session.defaultSession;
    expect(
      ses.requestPermission('media', {
        requestingUrl: 'app://switchboard/voice-host.html',
        isMainFrame: true,
        mediaTypes: ['audio'],
      }),
    ).toBe(true);
    expect(
      ses.requestPermission('media', {
        requestingUrl: 'https://evil.example/',
        isMainFrame: true,
        mediaTypes: ['audio'],
      }),
    ).toBe(false);
  });

  it('tells the core when the machine wakes or the session unlocks', async () => {
    const { systemResumed } = await start();
    powerMonitor.emit('resume');
    powerMonitor.emit('unlock-screen');
    expect(systemResumed).toHaveBeenCalledTimes(2);
  });

  it('asks before quitting during a call or with a wrap-up pending, and quits freely otherwise', async () => {
    const { fake } = await start();
    const quit = () => {
      const event = new electron.FakeEvent();
      app.emit('before-quit', event);
      return !event.defaultPrevented;
    };
    expect(quit()).toBe(true);
    fake.emit('line.changed', { phase: 'in-progress' });
    dialog.answer = 0; // Stay on the call
    expect(quit()).toBe(false);
    expect(dialog.asked).toHaveLength(1);
    dialog.answer = 1; // Quit and end the call
    expect(quit()).toBe(true);
    // A wrap-up not yet saved asks too, with its own words.
    fake.emit('line.changed', { phase: 'wrap-up' });
    dialog.answer = 0;
    expect(quit()).toBe(false);
    expect(dialog.asked[2]).toMatchObject({ message: 'The last call’s wrap-up is not saved yet.' });
    dialog.answer = 1;
    expect(quit()).toBe(true);
    fake.emit('line.changed', { phase: 'idle' });
    expect(quit()).toBe(true);
    expect(dialog.asked).toHaveLength(4);
  });
});

describe('the voice host preload', () => {
  it('exposes text in and out on the two voice channels and nothing else', () => {
    const bridge = createVoiceBridge(electron.ipcRenderer as never);
    expect(Object.keys(bridge).sort()).toEqual(['onMessage', 'onOpen', 'send']);
    bridge.send('{"type":"hello"}');
    expect(electron.ipcRenderer.sentMessages).toEqual([[voiceIpcChannels.message, '{"type":"hello"}']]);
    const received: string[] = [];
    bridge.onMessage((text) => received.push(text));
    electron.ipcRenderer.emit(voiceIpcChannels.command, { sender: 'hidden' }, '{"type":"register"}');
    electron.ipcRenderer.emit(voiceIpcChannels.command, { sender: 'hidden' }, { not: 'text' });
    expect(received).toEqual(['{"type":"register"}']);
  });
});

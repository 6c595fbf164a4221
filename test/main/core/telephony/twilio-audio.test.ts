import { describe, expect, it } from 'vitest';
import { audioViewOf } from '../../../../src/main/core/telephony/voice-handlers';
import { assessReadiness } from '../../../../src/main/core/telephony/readiness';
import type { AudioChoice, PreflightReport } from '../../../../src/shared/voice/audio';
import { engineHarness } from './voice-host-harness';

const choice: AudioChoice = { microphone: 'mic-usb', speaker: 'out-usb', ringer: null };
const devices = {
  inputs: [
    { id: 'default', label: 'Default - Built-in microphone' },
    { id: 'mic-usb', label: 'USB headset' },
  ],
  outputs: [
    { id: 'default', label: 'Default - Built-in speakers' },
    { id: 'out-usb', label: 'USB headset' },
  ],
};
const report: PreflightReport = {
  outcome: 'completed',
  error: null,
  rttMs: 40,
  jitterMs: 2,
  mos: 4.4,
  maxRttMs: 55,
  quality: 'excellent',
  edge: 'ashburn',
  signalingMs: 90,
  mediaMs: 60,
  warnings: [],
};

async function registered(current = choice) {
  const h = engineHarness({ audioChoice: () => current });
  h.openPage();
  h.report({ type: 'hello' });
  await h.engine.register();
  h.report({ type: 'registration', state: 'registered' });
  return h;
}

describe('the Twilio line’s audio devices', () => {
  it('sends the agent’s choice to the voice host right after every Device setup, and again when it changes', async () => {
    let current = choice;
    const h = await registered(current);
    const types = h.commands.map((c) => c.type);
    expect(types.slice(types.indexOf('setup'), types.indexOf('setup') + 2)).toEqual(['setup', 'audio']);
    expect(h.ofType('audio')[0]!.choice).toEqual(choice);
    current = { microphone: null, speaker: null, ringer: 'out-usb' };
    // A fresh engine reads the choice on each apply: the settings handler's change reaches it.
    const h2 = await registered(current);
    h2.engine.audio.apply();
    expect(h2.ofType('audio').at(-1)!.choice).toEqual(current);
  });

  it('keeps what the voice host lists, and the readiness names the devices in use', async () => {
    const h = await registered();
    h.report({ type: 'audioDevices', devices, inUse: { microphone: null, speaker: 'out-usb', ringer: 'default' } });
    expect(h.engine.status().audio.devices).toEqual(devices);
    expect(audioViewOf(h.engine, choice)).toMatchObject({ listedBy: 'voice-host', inputs: devices.inputs, choice });
    const readiness = assessReadiness({
      line: 'twilio',
      registration: 'registered',
      twilio: { ...h.engine.status(), media: { microphone: 'granted', inputs: 2, outputs: 2 } },
      syncPending: 0,
      syncOffline: false,
      now: h.scheduler.now(),
    });
    expect(readiness.level).toBe('ready');
    expect(readiness.audio).toEqual({
      microphone: 'USB headset',
      speaker: 'USB headset',
      ringer: 'Default - Built-in speakers',
    });
  });

  it('a chosen device that is not plugged in degrades readiness and says what is used instead', async () => {
    const h = await registered();
    h.report({
      type: 'audioDevices',
      devices: { inputs: devices.inputs.slice(0, 1), outputs: devices.outputs },
      inUse: { microphone: null, speaker: 'out-usb', ringer: 'default' },
    });
    const readiness = assessReadiness({
      line: 'twilio',
      registration: 'registered',
      twilio: { ...h.engine.status(), media: { microphone: 'granted', inputs: 1, outputs: 2 } },
      syncPending: 0,
      syncOffline: false,
      now: h.scheduler.now(),
    });
    expect(readiness.level).toBe('degraded');
    expect(readiness.reasons).toContainEqual({
      key: 'devices',
      level: 'degraded',
      text: 'Your chosen microphone is not connected: Default - Built-in microphone is used instead.',
    });
  });

  it('a device unplugged during a call becomes a notice in words', async () => {
    const h = await registered();
    h.report({ type: 'audioFallback', role: 'microphone', label: 'USB headset' });
    expect(h.engine.status().audio.notice?.text).toBe(
      '“USB headset” was unplugged: the microphone is now the system default.',
    );
    expect(audioViewOf(h.engine, choice).notice?.text).toContain('USB headset');
  });

  it('forwards levels to whoever listens', async () => {
    const h = await registered();
    const levels: unknown[] = [];
    h.engine.audio.onLevel((level) => levels.push(level));
    h.report({ type: 'level', source: 'meter', input: 0.4, output: 0 });
    h.report({ type: 'level', source: 'meter', input: 1.5, output: 0 });
    expect(levels).toEqual([{ type: 'level', source: 'meter', input: 0.4, output: 0 }]);
    expect(h.link.refused()).toBe(1);
  });

  it('runs the pre-call test in the voice host with a fresh token and the company edge, and returns its figures', async () => {
    const h = await registered();
    const running = h.engine.audio.preflight();
    await h.flush();
    const [command] = h.ofType('preflight');
    expect(command).toMatchObject({ token: 'token-1', edge: 'dublin', signalingHost: 'fake-twilio.test' });
    h.report({ type: 'preflight', id: command!.id, report });
    await expect(running).resolves.toEqual(report);
  });

  it('a pre-call test with no answer fails after its time limit; one cut short by the host going away fails at once', async () => {
    const h = await registered();
    const silent = h.engine.audio.preflight();
    await h.flush();
    await h.advance(59_999);
    expect(h.ofType('preflight')).toHaveLength(1);
    await h.advance(1);
    await expect(silent).resolves.toMatchObject({ outcome: 'failed', error: { code: 31003 } });
    const cut = h.engine.audio.preflight();
    await h.flush();
    h.page().detach();
    await expect(cut).resolves.toMatchObject({ outcome: 'failed', error: { message: 'The voice host stopped' } });
    await expect(h.engine.audio.preflight()).rejects.toMatchObject({ code: 'no_voice_host' });
  });
});

import { describe, expect, it } from 'vitest';
import { assessReadiness, type ReadinessInputs } from '../../../../src/main/core/telephony/readiness';
import type { TwilioLineStatus } from '../../../../src/main/core/telephony/twilio-engine';

const now = Date.parse('2026-03-02T14:00:00Z');
const healthy: TwilioLineStatus = {
  hostConnected: true,
  registration: 'registered',
  tokenExpiresAt: now + 3_600_000,
  tokenProblem: null,
  lastReRegistrationAt: null,
  reRegistrations: 0,
  media: { microphone: 'granted', inputs: 1, outputs: 1 },
  microphoneError: null,
  lastCallWarnings: [],
  audio: {
    devices: {
      inputs: [
        { id: 'default', label: 'Default microphone' },
        { id: 'mic-usb', label: 'USB headset' },
      ],
      outputs: [
        { id: 'default', label: 'Default speaker' },
        { id: 'out-usb', label: 'USB headset' },
      ],
    },
    inUse: { microphone: null, speaker: 'default', ringer: 'default' },
    choice: { microphone: null, speaker: null, ringer: null },
    notice: null,
  },
};
const twilio = (status: Partial<TwilioLineStatus> = {}, more: Partial<ReadinessInputs> = {}): ReadinessInputs => ({
  line: 'twilio',
  registration: 'registered',
  twilio: { ...healthy, ...status },
  syncPending: 0,
  syncOffline: false,
  now,
  ...more,
});

describe('readiness: can calls reach the agent, and why not', () => {
  it('is ready on a healthy Twilio line, with no reasons', () => {
    expect(assessReadiness(twilio())).toMatchObject({
      level: 'ready',
      summary: 'Ready for calls on the Twilio line.',
      reasons: [],
      tokenExpiresAt: new Date(now + 3_600_000).toISOString(),
    });
  });

  it('is ready on the simulated line and says calls are pretend', () => {
    const r = assessReadiness({
      line: 'simulated',
      registration: 'registered',
      twilio: null,
      syncPending: 0,
      syncOffline: false,
      now,
    });
    expect(r.level).toBe('ready');
    expect(r.reasons[0]!.text).toMatch(/simulated line/);
  });

  it('is not ready when the microphone is refused, in words', () => {
    const r = assessReadiness(twilio({ media: { microphone: 'denied', inputs: 1, outputs: 1 } }));
    expect(r.level).toBe('not-ready');
    expect(r.reasons).toContainEqual({
      key: 'microphone',
      level: 'not-ready',
      text: 'Switchboard is not allowed to use the microphone. Allow microphone access and try again.',
    });
  });

  it('is not ready after a 31401 even when the permission query could not tell', () => {
    const r = assessReadiness(
      twilio({
        media: { microphone: 'unknown', inputs: 1, outputs: 1 },
        microphoneError: { code: 31401, message: 'x' },
      }),
    );
    expect(r.level).toBe('not-ready');
  });

  it('is not ready without a microphone, degraded without a speaker', () => {
    expect(assessReadiness(twilio({ media: { microphone: 'granted', inputs: 0, outputs: 1 } })).level).toBe(
      'not-ready',
    );
    expect(assessReadiness(twilio({ media: { microphone: 'granted', inputs: 1, outputs: 0 } })).level).toBe('degraded');
  });

  it('is not ready when unregistered or the token was refused, degraded while registering or with a token about to lapse', () => {
    expect(assessReadiness(twilio({}, { registration: 'unregistered' })).level).toBe('not-ready');
    expect(assessReadiness(twilio({}, { registration: 'registering' })).level).toBe('degraded');
    expect(assessReadiness(twilio({ tokenProblem: 'The CRM server refused a phone line token: no.' })).level).toBe(
      'not-ready',
    );
    const soon = assessReadiness(twilio({ tokenExpiresAt: now + 90_000 }));
    expect(soon.level).toBe('degraded');
    expect(soon.reasons[0]!.text).toBe('The phone line’s sign-in runs out in 2 minutes.');
  });

  it('is degraded after a call with quality warnings, named in plain words', () => {
    const r = assessReadiness(twilio({ lastCallWarnings: ['high-jitter', 'high-packet-loss'] }));
    expect(r.level).toBe('degraded');
    expect(r.reasons[0]!.text).toBe('The last call had quality problems: choppy audio, lost audio.');
  });

  it('is degraded with changes stuck on this desktop while the server is unreachable', () => {
    expect(assessReadiness(twilio({}, { syncPending: 3, syncOffline: true })).reasons[0]!.text).toBe(
      '3 changes wait to reach the CRM server.',
    );
    expect(assessReadiness(twilio({}, { syncPending: 3, syncOffline: false })).level).toBe('ready');
  });

  it('lists the worst reasons first', () => {
    const r = assessReadiness(
      twilio({ lastCallWarnings: ['low-mos'], media: { microphone: 'denied', inputs: 1, outputs: 1 } }),
    );
    expect(r.reasons.map((x) => x.level)).toEqual(['not-ready', 'degraded']);
  });
});

import { describe, expect, it } from 'vitest';
import { HostCommand, HostEvent } from '../../../src/shared/voice/host-protocol';
import { createVoiceHostLink } from '../../../src/main/core/telephony/voice-host-link';

/**
 * The voice host protocol at its two doors: the page parses every command with
 * HostCommand (src/renderer/voice-host/main.ts), the core every event with HostEvent
 * (voice-host-link.ts). A message that is not exactly one of them is refused.
 */

describe('the voice host protocol refuses what it does not define', () => {
  it('commands: unknown types, missing or extra fields, wrong types, digits the SDK would not send', () => {
    const good: HostCommand[] = [
      { type: 'connect', ref: 'out-1', params: { To: '+14155550100' } },
      { type: 'sendDigits', ref: 'in-1', digits: '12#' },
      { type: 'warmMicrophone' },
      { type: 'mute', ref: 'in-1', muted: true },
    ];
    for (const command of good) expect(HostCommand.safeParse(command).success).toBe(true);
    const bad: unknown[] = [
      { type: 'eval', code: 'alert(1)' },
      { type: 'connect', ref: 'out-1' },
      { type: 'connect', ref: '', params: {} },
      { type: 'connect', ref: 'out-1', params: { To: 5 } },
      { type: 'mute', ref: 'in-1', muted: 'yes' },
      { type: 'sendDigits', ref: 'in-1', digits: '12; DROP' },
      { type: 'warmMicrophone', deviceId: 'x' },
      { type: 'setup', setup: { token: 't', edge: 'roaming', publishInsights: false, tokenRefreshMs: 1, extra: 1 } },
      {
        type: 'setup',
        setup: {
          token: 't',
          edge: 'roaming',
          publishInsights: false,
          tokenRefreshMs: 1,
          signalingHost: 'evil.test/x?',
        },
      },
      null,
      'connect',
    ];
    for (const command of bad) expect(HostCommand.safeParse(command).success, JSON.stringify(command)).toBe(false);
  });

  it('events: an unknown registration state, a call without its info, an oversized error, a stray field', () => {
    expect(HostEvent.safeParse({ type: 'registration', state: 'registered' }).success).toBe(true);
    const bad: unknown[] = [
      { type: 'registration', state: 'sleeping' },
      { type: 'incoming', call: { ref: 'in-1' } },
      { type: 'deviceError', error: { code: 31000, message: 'x'.repeat(2001) } },
      { type: 'deviceError', error: { code: 1.5, message: 'half a code' } },
      { type: 'hello', from: 'elsewhere' },
      { type: 'call', ref: 'in-1', callSid: null, event: { type: 'warning', name: 'made-up-warning' } },
      { type: 'media', microphone: 'granted', inputs: -1, outputs: 1 },
    ];
    for (const event of bad) expect(HostEvent.safeParse(event).success, JSON.stringify(event)).toBe(false);
  });

  it('the core’s end counts and drops a malformed event, and never sends a malformed command', () => {
    const link = createVoiceHostLink();
    const sent: string[] = [];
    const seen: string[] = [];
    link.on((event) => seen.push(event.type === 'event' ? event.event.type : event.type));
    const page = link.attach({ send: (text) => sent.push(text), close: () => undefined });
    page.receive('{"type":"registration","state":"sleeping"}');
    page.receive('not json at all');
    page.receive('{"type":"hello"}');
    expect(link.refused()).toBe(2);
    expect(seen).toEqual(['hello']);
    expect(() => link.send({ type: 'mute', ref: 'in-1', muted: 'yes' } as unknown as HostCommand)).toThrow();
    expect(sent).toEqual([]);
    expect(link.send({ type: 'warmMicrophone' })).toBe(true);
    expect(sent).toEqual(['{"type":"warmMicrophone"}']);
  });
});

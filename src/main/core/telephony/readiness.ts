import type { Readiness, ReadinessLevel, ReadinessReason } from '../../../shared/api/voice';
import type { AudioDevice, AudioRole } from '../../../shared/voice/audio';
import { warningsInWords } from '../../../shared/voice/quality';
import { describeEngineError } from './errors';
import type { TwilioLineStatus } from './twilio-engine';
import type { RegistrationState } from './voice-engine';

/**
 * Whether the agent can take calls, as one level and reasons in words: a pure rule over
 * what the line, the voice host and sync report, so it is tested without any of them.
 */
export interface ReadinessInputs {
  line: 'simulated' | 'twilio';
  registration: RegistrationState;
  /** The Twilio line's own status; null on the simulated line. */
  twilio: TwilioLineStatus | null;
  /** Local changes not yet on the CRM server, and whether sync can reach it. */
  syncPending: number;
  syncOffline: boolean;
  now: number;
}

const order: ReadinessLevel[] = ['not-ready', 'degraded', 'ready'];
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function minutes(ms: number): string {
  const m = Math.max(0, Math.round(ms / 60_000));
  return m < 1 ? 'less than a minute' : m === 1 ? '1 minute' : `${m} minutes`;
}

const roleWords: Record<AudioRole, string> = { microphone: 'microphone', speaker: 'speaker', ringer: 'ringer output' };

/** The device a role uses now: the chosen one when it is connected, else the system default. */
function inUse(list: AudioDevice[], chosen: string | null): { device: AudioDevice | null; missing: boolean } {
  const found = chosen ? list.find((d) => d.id === chosen) : undefined;
  if (found) return { device: found, missing: false };
  const fallback = list.find((d) => d.id === 'default') ?? list[0] ?? null;
  return { device: fallback, missing: chosen !== null };
}

function audioInUse(t: TwilioLineStatus | null, add: (text: string) => void): Readiness['audio'] {
  const devices = t?.audio.devices;
  if (!t || !devices) return null;
  const names = {} as Record<AudioRole, string>;
  for (const role of ['microphone', 'speaker', 'ringer'] as const) {
    const { device, missing } = inUse(role === 'microphone' ? devices.inputs : devices.outputs, t.audio.choice[role]);
    names[role] = device ? device.label || 'System default' : 'None';
    if (missing) add(`Your chosen ${roleWords[role]} is not connected: ${names[role]} is used instead.`);
  }
  return names;
}

export function assessReadiness(input: ReadinessInputs): Readiness {
  const reasons: ReadinessReason[] = [];
  const add = (key: ReadinessReason['key'], level: ReadinessLevel, text: string) => reasons.push({ key, level, text });
  const t = input.twilio;

  if (input.line === 'simulated') {
    add(
      'line',
      'ready',
      'On the simulated line: no telephony account is configured for your company, calls are pretend.',
    );
  } else if (t) {
    if (!t.hostConnected) add('host', 'not-ready', 'The voice host is not running: Switchboard is starting it again.');
    if (t.tokenProblem) add('token', 'not-ready', t.tokenProblem);
    else if (t.tokenExpiresAt !== null && t.tokenExpiresAt - input.now < 2 * 60_000) {
      add('token', 'degraded', `The phone line’s sign-in runs out in ${minutes(t.tokenExpiresAt - input.now)}.`);
    }
    if (input.registration === 'registering') add('registration', 'degraded', 'Connecting to Twilio…');
    else if (input.registration !== 'registered') {
      add('registration', 'not-ready', 'Not registered with Twilio: calls cannot reach you.');
    }
    if (t.media?.microphone === 'denied') {
      add('microphone', 'not-ready', describeEngineError({ code: 31401, message: '' }));
    } else if (t.microphoneError) {
      add('microphone', 'not-ready', describeEngineError(t.microphoneError));
    } else if (t.media && t.media.inputs === 0) {
      add('devices', 'not-ready', describeEngineError({ code: 31402, message: '' }));
    }
    if (t.media && t.media.outputs === 0) add('devices', 'degraded', 'No speaker or headset was found.');
    if (t.lastCallWarnings.length > 0) {
      add('quality', 'degraded', `The last call had quality problems: ${warningsInWords(t.lastCallWarnings)}.`);
    }
  }
  if (input.syncOffline && input.syncPending > 0) {
    add(
      'sync',
      'degraded',
      `${input.syncPending} change${input.syncPending === 1 ? '' : 's'} wait${input.syncPending === 1 ? 's' : ''} to reach the CRM server.`,
    );
  }

  const audio = audioInUse(input.line === 'twilio' ? t : null, (text) => {
    if (!reasons.some((r) => r.text === text)) add('devices', 'degraded', text);
  });
  reasons.sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level));
  const level = reasons.reduce<ReadinessLevel>(
    (worst, r) => (order.indexOf(r.level) < order.indexOf(worst) ? r.level : worst),
    'ready',
  );
  const lineName = input.line === 'twilio' ? 'the Twilio line' : 'the simulated line';
  const summary =
    level === 'ready'
      ? `Ready for calls on ${lineName}.`
      : level === 'degraded'
        ? `Calls can reach you on ${lineName}, with problems.`
        : `Not ready for calls on ${lineName}.`;
  return {
    level,
    line: input.line,
    summary,
    reasons,
    registration: input.registration,
    tokenExpiresAt: iso(t?.tokenExpiresAt ?? null),
    lastReRegistrationAt: iso(t?.lastReRegistrationAt ?? null),
    audio,
  };
}

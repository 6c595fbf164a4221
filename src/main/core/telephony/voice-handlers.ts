import type { HandlerInput, Output } from '../../../shared/api/table';
import type { AudioView, Readiness, TeamList, voiceApi } from '../../../shared/api/voice';
import { preflightInWords, type AudioChoice } from '../../../shared/voice/audio';
import { CoreError } from '../errors';
import type { TwilioEngine } from './twilio-engine';

type VoiceApi = typeof voiceApi;
export type VoiceHandlers = {
  [K in keyof VoiceApi]: (input: HandlerInput<VoiceApi, K>) => Output<VoiceApi, K> | Promise<Output<VoiceApi, K>>;
};

export interface VoiceHandlerDeps {
  readiness: () => Readiness;
  /** The Twilio line while it is the one in use (null on the simulated line). */
  twilio: () => TwilioEngine | null;
  /** The agent's devices on this machine (desktop settings). */
  choice: () => AudioChoice;
  now: () => Date;
  /** The colleagues a call can be transferred to. */
  team: () => Promise<TeamList>;
}

/** The devices as Settings and the dock show them: the voice host's list, the agent's choice. */
export function audioViewOf(twilio: TwilioEngine | null, choice: AudioChoice): AudioView {
  const audio = twilio?.status().audio ?? null;
  return {
    listedBy: audio?.devices ? 'voice-host' : null,
    inputs: audio?.devices?.inputs ?? [],
    outputs: audio?.devices?.outputs ?? [],
    choice,
    notice: audio?.notice ? { text: audio.notice.text, at: new Date(audio.notice.at).toISOString() } : null,
  };
}

function requireTwilio(twilio: TwilioEngine | null, what: string): TwilioEngine {
  if (!twilio) {
    throw new CoreError('not_on_twilio', `${what} needs the Twilio line; this desktop is on the simulated line.`);
  }
  return twilio;
}

/** The voice API's handlers: readiness, audio devices, the meter, the pre-call test and the team. */
export function voiceHandlers(deps: VoiceHandlerDeps): VoiceHandlers {
  return {
    'voice.readiness': () => deps.readiness(),
    'voice.team': () => deps.team(),
    'voice.audio': () => audioViewOf(deps.twilio(), deps.choice()),
    'voice.meter': ({ on }) => {
      const twilio = deps.twilio();
      if (!twilio) return { running: false };
      return { running: twilio.audio.meter(on) && on };
    },
    'voice.preflight': async () => {
      const twilio = requireTwilio(deps.twilio(), 'The pre-call test');
      const report = await twilio.audio.preflight();
      return preflightInWords(report, deps.now().toISOString());
    },
  };
}

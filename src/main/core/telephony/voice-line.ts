import type { TeamList } from '../../../shared/api/voice';
import type { AudioChoice } from '../../../shared/voice/audio';
import { demoTeam } from '../demo/team';
import type { SessionManager } from '../sync/session';
import { fetchTeam, sessionCallControls } from './call-controls';
import { createLineSelection, type LineSelection } from './line-selection';
import type { Scheduler } from './scheduler';
import { createSimulatedEngine } from './simulated-engine';
import { createTwilioEngine } from './twilio-engine';
import { createVoiceHostLink, type VoiceHostLink } from './voice-host-link';
import { sessionTokenSource } from './voice-tokens';

/** Options a host passes for the Twilio line (tests point it at a fake Twilio). */
export interface VoiceOptions {
  /** A signaling host instead of Twilio's (`wss://<host>/signal`): the tests' fake Twilio. */
  signalingHost?: string;
  /** How long `registering` may last before the watchdog re-creates the Device. */
  registerTimeoutMs?: number;
}

export interface VoiceLine {
  link: VoiceHostLink;
  selection: LineSelection;
}

/** The company's team from the CRM server when signed in; the demo team otherwise. */
export async function teamFor(session: Pick<SessionManager, 'send' | 'stored'>): Promise<TeamList> {
  if (!session.stored()) return { members: [...demoTeam], source: 'demo' };
  return { members: await fetchTeam(session), source: 'server' };
}

/** The phone line's composition: the voice host link, both engines and the selection between them. */
export function createVoiceLine(deps: {
  session: Pick<SessionManager, 'send' | 'stored'>;
  scheduler: Scheduler;
  options?: VoiceOptions;
  /** The agent's audio devices on this machine (desktop settings). */
  audioChoice?: () => AudioChoice;
  log?: (message: string) => void;
  onChange?: () => void;
}): VoiceLine {
  const link = createVoiceHostLink(deps.log ? { log: deps.log } : {});
  const tokens = sessionTokenSource(deps.session);
  const control = sessionCallControls(deps.session);
  const selection = createLineSelection({
    simulated: createSimulatedEngine({ scheduler: deps.scheduler }),
    session: deps.session,
    scheduler: deps.scheduler,
    ...(deps.log ? { log: deps.log } : {}),
    ...(deps.onChange ? { onChange: deps.onChange } : {}),
    makeTwilio: (config) =>
      createTwilioEngine({
        link,
        tokens,
        scheduler: deps.scheduler,
        control,
        settings: {
          edge: config.edge,
          publishInsights: config.publishInsights,
          ...(deps.options?.signalingHost ? { signalingHost: deps.options.signalingHost } : {}),
        },
        ...(deps.options?.registerTimeoutMs ? { registerTimeoutMs: deps.options.registerTimeoutMs } : {}),
        ...(deps.audioChoice ? { audioChoice: deps.audioChoice } : {}),
      }),
  });
  return { link, selection };
}

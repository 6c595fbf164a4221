import { VoiceConfig } from '../../../shared/voice/protocol';
import type { SessionManager } from '../sync/session';
import type { Scheduler } from './scheduler';
import type { SimulatedEngine } from './simulated-engine';
import type { TwilioEngine } from './twilio-engine';
import type { EngineCall, EngineEvent, VoiceEngine } from './voice-engine';

/**
 * Which line the agent is on. The company decides (GET /voice/config on the CRM
 * server), never a switch the agent can get wrong: Twilio when the company configured
 * it and the agent is signed in, the simulated line otherwise. The CallController sees
 * one VoiceEngine; this object stands in front of the real two and moves from one to
 * the other only while no call is up (a switch never drops a call).
 */

export interface LineSelection {
  /** What the CallController drives. */
  engine: VoiceEngine;
  simulated: SimulatedEngine;
  /** The Twilio line while it is the one in use. */
  twilio(): TwilioEngine | null;
  config(): VoiceConfig;
  /** Asks the server again (sign-in, sign-out, a periodic check). */
  refresh(): Promise<void>;
  close(): void;
}

export interface LineSelectionDeps {
  simulated: SimulatedEngine;
  session: Pick<SessionManager, 'send' | 'stored'>;
  makeTwilio(config: Extract<VoiceConfig, { line: 'twilio' }>): TwilioEngine;
  scheduler: Scheduler;
  /** How often the configuration is read again while signed in. */
  recheckMs?: number;
  log?: (message: string) => void;
  onChange?: () => void;
}

const simulatedConfig: VoiceConfig = { line: 'simulated' };

export async function fetchVoiceConfig(session: Pick<SessionManager, 'send' | 'stored'>): Promise<VoiceConfig | null> {
  if (!session.stored()) return simulatedConfig;
  try {
    const reply = await session.send('GET', '/voice/config');
    // A server without voice routes (older than the Twilio line) means the simulated line.
    if (reply.status === 404) return simulatedConfig;
    if (reply.status !== 200) return null;
    const parsed = VoiceConfig.safeParse(reply.body);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function createLineSelection(deps: LineSelectionDeps): LineSelection {
  const listeners = new Set<(event: EngineEvent) => void>();
  let current: VoiceEngine = deps.simulated;
  let twilio: TwilioEngine | null = null;
  let config: VoiceConfig = simulatedConfig;
  let wanted = false;
  let activeCalls = 0;
  let pending: VoiceConfig | null = null;
  let closed = false;
  let cancelRecheck: (() => void) | null = null;

  const emit = (event: EngineEvent) => {
    for (const listener of [...listeners]) listener(event);
  };
  const track = (call: EngineCall) => {
    activeCalls += 1;
    const off = call.on((event) => {
      if (event.type === 'cancel' || event.type === 'reject' || event.type === 'disconnect') {
        off();
        activeCalls -= 1;
        if (activeCalls === 0 && pending) void apply(pending);
      }
    });
  };
  const forward = (from: VoiceEngine) => (event: EngineEvent) => {
    if (from !== current) return;
    if (event.type === 'incoming') track(event.call);
    emit(event);
  };
  const offSimulated = deps.simulated.on(forward(deps.simulated));
  let offTwilio: (() => void) | null = null;

  async function apply(next: VoiceConfig): Promise<void> {
    if (closed) return;
    if (activeCalls > 0) {
      pending = next;
      return;
    }
    pending = null;
    const same = JSON.stringify(next) === JSON.stringify(config);
    config = next;
    if (same && (next.line === 'simulated' || twilio)) return;
    const previous = current;
    if (previous.registrationState() === 'registered') await previous.unregister();
    if (twilio) {
      offTwilio?.();
      twilio.destroy();
      twilio = null;
    }
    if (next.line === 'twilio') {
      twilio = deps.makeTwilio(next);
      offTwilio = twilio.on(forward(twilio));
      current = twilio;
    } else {
      current = deps.simulated;
    }
    deps.log?.(`[voice] on the ${current.kind} line`);
    emit({ type: 'registration', state: current.registrationState() });
    deps.onChange?.();
    if (wanted) await current.register();
  }

  async function refresh(): Promise<void> {
    const next = await fetchVoiceConfig(deps.session);
    // Unreachable: keep the line we have (a Twilio line keeps working without the CRM server
    // as long as its token lasts).
    if (next) await apply(next);
    cancelRecheck?.();
    if (!closed) cancelRecheck = deps.scheduler.setTimeout(() => void refresh(), deps.recheckMs ?? 5 * 60_000);
  }

  const engine: VoiceEngine = {
    get kind() {
      return current.kind;
    },
    registrationState: () => current.registrationState(),
    async register() {
      wanted = true;
      await current.register();
    },
    async unregister() {
      wanted = false;
      await current.unregister();
    },
    async connect(options) {
      const call = await current.connect(options);
      track(call);
      return call;
    },
    prepareCall() {
      current.prepareCall?.();
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      closed = true;
      cancelRecheck?.();
      offSimulated();
      offTwilio?.();
      twilio?.destroy();
      deps.simulated.destroy();
    },
  };

  return {
    engine,
    simulated: deps.simulated,
    twilio: () => twilio,
    config: () => config,
    refresh,
    close: () => engine.destroy(),
  };
}

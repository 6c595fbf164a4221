import type { CallControlResponse } from '../../../../src/shared/voice/protocol';
import type { CallControlCommand } from '../../../../src/main/core/telephony/twilio-call';
import type { HostCommand, HostEvent } from '../../../../src/shared/voice/host-protocol';
import { createManualScheduler } from '../../../../src/main/core/telephony/scheduler';
import { createTwilioEngine, type TwilioEngineDeps } from '../../../../src/main/core/telephony/twilio-engine';
import { createVoiceHostLink, type AttachedVoiceHost } from '../../../../src/main/core/telephony/voice-host-link';
import type { TokenFetch } from '../../../../src/main/core/telephony/voice-tokens';
import type { EngineEvent } from '../../../../src/main/core/telephony/voice-engine';

/** A TwilioEngine wired to a pretend voice host page, a manual clock and a scripted token source. */
export function engineHarness(overrides: Partial<TwilioEngineDeps> = {}) {
  const scheduler = createManualScheduler();
  const link = createVoiceHostLink();
  const commands: HostCommand[] = [];
  const events: EngineEvent[] = [];
  const tokenReplies: TokenFetch[] = [];
  let issued = 0;
  const tokens = {
    fetch: async (): Promise<TokenFetch> => {
      const scripted = tokenReplies.shift();
      if (scripted) return scripted;
      issued += 1;
      return { ok: true, token: `token-${issued}`, expiresAtMs: scheduler.now() + 3_600_000 };
    },
  };
  const holds: { callSid: string; hold: boolean }[] = [];
  /** Every call control the engine asked the CRM server for, in order. */
  const controls: { callSid: string; command: CallControlCommand }[] = [];
  /** What the stand-in CRM server answers to the next transfer commands (else a plain echo). */
  const controlReplies: CallControlResponse[] = [];
  const engine = createTwilioEngine({
    link,
    tokens,
    scheduler,
    random: () => 0.5,
    settings: { edge: 'dublin', publishInsights: false, signalingHost: 'fake-twilio.test' },
    control: async (callSid, command) => {
      controls.push({ callSid, command });
      if (command.action === 'hold') holds.push({ callSid, hold: command.hold });
      return (
        controlReplies.shift() ?? {
          callSid,
          onHold: command.action === 'hold' ? command.hold : false,
          transfer: null,
        }
      );
    },
    ...overrides,
  });
  engine.on((event) => events.push(event));
  let page: AttachedVoiceHost | null = null;
  const closed: string[] = [];
  const openPage = () => {
    page = link.attach({
      send: (text) => commands.push(JSON.parse(text) as HostCommand),
      close: (reason) => closed.push(reason),
    });
    return page;
  };
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    scheduler,
    link,
    engine,
    commands,
    events,
    holds,
    controls,
    controlReplies,
    tokenReplies,
    closed,
    openPage,
    /** The page reports something (schema-checked by the link like a real message). */
    report(event: HostEvent | unknown) {
      page!.receive(JSON.stringify(event));
    },
    page: () => page!,
    flush,
    /** Moves the clock and lets the promises it started settle. */
    async advance(ms: number) {
      scheduler.advance(ms);
      await flush();
      await flush();
    },
    ofType<T extends HostCommand['type']>(type: T) {
      return commands.filter((c): c is Extract<HostCommand, { type: T }> => c.type === type);
    },
  };
}

import { lineApi } from '../../../shared/api/line';
import type { HandlerInput, Output } from '../../../shared/api/table';
import { normalizePhone } from '../../../shared/domain/phone';
import { getSettings } from '../db/repositories/settings';
import { CoreError } from '../errors';
import type { HandlerContext } from '../handler-context';
import { createScreenPopLookup } from '../lookup/screen-pop';
import { systemScheduler, type Scheduler } from '../telephony/scheduler';
import { createSimulatedEngine, type SimulatedEngine } from '../telephony/simulated-engine';
import type { VoiceEngine } from '../telephony/voice-engine';
import { createCallController, type CallController } from './call-controller';
import type { Agent } from './call-records';
import { createClickToDial } from './click-to-dial';
import { callTimeline } from './timeline';
import { dispositionList, getWrapUp, saveWrapUpDraft, submitWrapUp, type WrapUpDeps } from './wrap-up';

/**
 * The line feature's composition: engine, lookup, controller, wrap-up and click-to-dial
 * wired to one handler per entry of the line API table. create-core calls it; tests
 * call it with a manual scheduler.
 */

type LineApi = typeof lineApi;
export type LineHandlers = {
  [K in keyof LineApi]: (input: HandlerInput<LineApi, K>) => Output<LineApi, K> | Promise<Output<LineApi, K>>;
};

export interface LineOptions {
  /** The phone line; the simulated one when none is given (no telephony account configured). */
  engine?: VoiceEngine;
  /** Timers of the simulated line; the system clock when none is given. */
  scheduler?: Scheduler;
  /**
   * The simulated line behind a line selection (telephony/line-selection.ts), for the
   * developer box; null while another line is in use.
   */
  simulated?: () => SimulatedEngine | null;
}

export interface Line {
  handlers: LineHandlers;
  controller: CallController;
  engine: VoiceEngine;
  close(): void;
}

function isSimulated(engine: VoiceEngine): engine is SimulatedEngine {
  return engine.kind === 'simulated' && 'injectInbound' in engine;
}

export function createLine(ctx: HandlerContext, options: LineOptions = {}): Line {
  const { db, sqlite } = ctx.local;
  const engine = options.engine ?? createSimulatedEngine({ scheduler: options.scheduler ?? systemScheduler() });
  const lookup = createScreenPopLookup(sqlite, ctx.now);
  const agent = (): Agent => ({ userId: ctx.userId, name: getSettings(db).agentName });
  const region = () => getSettings(db).defaultRegion;
  const controller = createCallController({
    engine,
    db,
    write: ctx,
    lookup,
    events: ctx.events,
    now: ctx.now,
    agent,
    defaultRegion: region,
  });
  // A contact, lead or account written during a call (say, the unknown caller just
  // created from the pop) may own the live number: look it up again.
  const stopWatchingDirectory = ctx.events.subscribe((name, payload) => {
    if (name !== 'data.changed') return;
    const { entity } = payload as { entity: string };
    if (entity === 'contact' || entity === 'lead' || entity === 'account') controller.refreshPop();
  });
  const wrapUp: WrapUpDeps = { db, controller, lookup, now: ctx.now, write: ctx };
  const dialer = createClickToDial({
    db,
    controller,
    lookup,
    now: ctx.now,
    agent,
    write: ctx,
  });

  function simulated(): SimulatedEngine {
    const selected = options.simulated ? options.simulated() : isSimulated(engine) ? engine : null;
    if (!selected) {
      throw new CoreError('not_simulated', 'This only works on the simulated line (no telephony account configured).');
    }
    return selected;
  }

  function e164Of(number: string): string {
    const dialable = normalizePhone(number, region());
    if (!dialable) throw new CoreError('invalid_number', `“${number}” is not a phone number.`);
    return dialable.e164;
  }

  const handlers: LineHandlers = {
    'line.state': () => controller.snapshot(),
    'line.setAvailability': ({ availability }) => controller.setAvailability(availability),
    'line.answer': () => controller.answer(),
    'line.reject': () => controller.reject(),
    'line.hangup': () => controller.hangup(),
    'line.mute': ({ muted }) => controller.mute(muted),
    'line.hold': () => controller.hold(),
    'line.resume': () => controller.resume(),
    'line.transfer': (input) => controller.transfer(input),
    'line.completeTransfer': () => controller.completeTransfer(),
    'line.cancelTransfer': () => controller.cancelTransfer(),
    'line.sendDigits': ({ digits }) => controller.sendDigits(digits),
    'line.prepareDial': (input) => {
      const preview = dialer.prepare(input);
      // The agent is about to click Call: the line gets its microphone ready meanwhile.
      if (!preview.blockedBy && preview.doNotContactAction !== 'blocked') engine.prepareCall?.();
      return preview;
    },
    'line.dial': (input) => dialer.dial(input),
    'line.chooseMatch': (match) => controller.chooseMatch(match),
    'line.notes': ({ notes }) => {
      controller.setNotes(notes);
      return { savedAt: ctx.now().toISOString() };
    },
    'wrapup.get': () => getWrapUp(wrapUp),
    'wrapup.saveDraft': (input) => saveWrapUpDraft(wrapUp, input),
    'wrapup.submit': (input) => ({ ...submitWrapUp(wrapUp, input), snapshot: controller.snapshot() }),
    'calls.timeline': ({ related, limit }) => ({ items: callTimeline(db, dispositionList(db), related, limit) }),
    'dev.injectInbound': ({ from, customParameters, ringMs }) => {
      const line = simulated();
      const number = from.includes(':') ? from : e164Of(from);
      const call = line.injectInbound({
        from: number,
        ...(customParameters ? { customParameters } : {}),
        ...(ringMs !== undefined ? { ringMs } : {}),
      });
      if (!call) throw new CoreError('line_offline', 'The simulated line is offline: set yourself available first.');
      return controller.snapshot();
    },
    'dev.scriptOutbound': ({ number, outcome, afterMs }) => {
      const e164 = e164Of(number);
      simulated().scriptNumber(e164, { outcome, afterMs });
      return { e164 };
    },
    'dev.remoteHangup': () => {
      if (!simulated().remoteHangup())
        throw new CoreError('no_call', 'There is no call for the other party to hang up.');
      return controller.snapshot();
    },
  };

  return {
    handlers,
    controller,
    engine,
    close() {
      stopWatchingDirectory();
      controller.close();
      engine.destroy();
    },
  };
}

import type { LineSnapshot, ScreenPop } from '../../../shared/api/line';
import { CoreError } from '../errors';
import { describeEngineError } from '../telephony/errors';
import type { EngineCall, RegistrationState } from '../telephony/voice-engine';
import {
  chooseAvailability,
  endAfterCallWork,
  initialAvailability,
  startAfterCallWork,
  type AvailabilityState,
} from './availability';
import { createPresenceReporter } from './presence-report';
import type { CallController, CallControllerDeps } from './call-controller-types';
import { linkMatch, matchOf } from './call-records';
import { asEngineError, toLineEvent } from './engine-bridge';
import {
  idleLine,
  publicCall,
  reduceLine,
  type LineEffect,
  type LineEvent,
  type LineMachineState,
} from './line-machine';
import { receiveInbound } from './inbound';
import { runLineEffect } from './line-effects';
import { restoreLine } from './line-restore';
import { transferCommands } from './transfer-commands';
import { loadChosenAvailability, loadSession, saveChosenAvailability, storeSession } from './line-store';

export type { CallController, CallControllerDeps, PendingSession, StartDial } from './call-controller-types';

/**
 * The effectful shell around the line reducer: the one source of truth for the live
 * call. It turns engine events and agent actions into LineEvents, runs the reducer,
 * carries out its effects (call record writes, after-call work) and publishes a
 * snapshot on every change. Agent actions only ASK the engine; state changes only when
 * the engine's event comes back, so the simulated engine (synchronous events) and the
 * Twilio engine (events over IPC, later) drive the same code the same way.
 */

const connectedPhases = ['in-progress', 'on-hold'];

export function createCallController(deps: CallControllerDeps): CallController {
  const { engine, db, events } = deps;
  const nowIso = () => deps.now().toISOString();
  const report = deps.onError ?? ((error: unknown) => console.error('[line]', error));

  let machine: LineMachineState = idleLine;
  let availability: AvailabilityState = initialAvailability(nowIso(), loadChosenAvailability(db) ?? 'Available');
  const reportPresence = createPresenceReporter(deps.write);
  let registration: RegistrationState = engine.registrationState();
  let lineError: LineSnapshot['lineError'] = null;
  let version = 0;
  let current: { call: EngineCall; off: () => void } | null = null;
  const queue: LineEvent[] = [];
  let draining = false;

  function snapshot(): LineSnapshot {
    return {
      version,
      line: engine.kind,
      registration,
      availability: availability.current,
      availabilitySince: availability.since,
      returnTo: availability.returnTo,
      phase: machine.phase,
      call: publicCall(machine.call),
      lineError,
    };
  }

  function persist(): void {
    const call = publicCall(machine.call);
    if (!call || !machine.draft) return storeSession(deps.write.local, null);
    const ended = machine.phase === 'wrap-up';
    const wrapUp = { wrapUpSince: ended ? call.endedAt : null, outcome: ended ? call.outcome : null };
    storeSession(deps.write.local, { call, draft: machine.draft, ...wrapUp });
  }

  function publish(): LineSnapshot {
    version += 1;
    // The UI first (the socket write is attempted at once), the stored session right after,
    // in the same tick: a ringing pop does not wait for a disk write.
    const snap = snapshot();
    events.emit('line.changed', snap);
    try {
      persist();
      // Only a Twilio line can be rung by the server; the simulated line keeps it to itself.
      if (engine.kind === 'twilio') reportPresence(availability.current, nowIso());
    } catch (error) {
      report(error);
    }
    return snap;
  }

  function detach(): void {
    current?.off();
    current = null;
  }

  function runEffect(effect: LineEffect): void {
    runLineEffect(effect, {
      deps,
      events,
      providerCallId: machine.call?.providerCallId ?? null,
      availability: () => availability,
      setAvailability: (next) => {
        availability = next;
      },
      detach,
    });
  }

  /**
   * Runs events one at a time, in arrival order. An effect may make the engine emit
   * synchronously (the simulated engine does): that event is queued and handled after
   * the current one, never in the middle of it.
   */
  function apply(event: LineEvent): void {
    queue.push(event);
    if (draining) return;
    draining = true;
    let changed = false;
    try {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const result = reduceLine(machine, next);
        if (result.state !== machine) changed = true;
        machine = result.state;
        for (const effect of result.effects) {
          try {
            runEffect(effect);
          } catch (error) {
            // The live line must keep working even if a write fails; the agent still
            // sees the call and its wrap-up.
            report(error);
          }
        }
      }
    } finally {
      draining = false;
    }
    if (changed) publish();
  }

  function attach(call: EngineCall): void {
    detach();
    const off = call.on((event) => {
      // A late event from a call that is no longer the live one changes nothing.
      if (current?.call !== call) return;
      apply(toLineEvent(call, event, nowIso()));
    });
    current = { call, off };
  }

  function onIncoming(call: EngineCall): void {
    const ringing = receiveInbound(call, { deps, report, availability, phase: machine.phase, at: nowIso() });
    if (!ringing) return;
    attach(call);
    apply(ringing.event);
    events.emit('line.incoming', { snapshot: snapshot(), pop: ringing.event.pop });
    // The pop is out; the record is written in the same tick, before any later event of
    // the call can be handled (they arrive over the host link, on a later turn).
    try {
      ringing.writeRecord();
    } catch (error) {
      report(error);
    }
  }

  const offEngine = engine.on((event) => {
    switch (event.type) {
      case 'registration':
        registration = event.state;
        if (event.state === 'registered') lineError = null;
        publish();
        return;
      case 'error':
        lineError = { ...event.error, text: describeEngineError(event.error) };
        publish();
        return;
      case 'incoming':
        try {
          onIncoming(event.call);
        } catch (error) {
          report(error);
        }
        return;
    }
  });

  function restore(): void {
    const session = loadSession(db);
    if (!session) return;
    const restored = restoreLine(session, nowIso(), deps.write, deps.agent(), report);
    machine = restored.state;
    if (restored.missed) runEffect(restored.missed);
    else if (restored.required) runEffect(restored.required);
    else availability = startAfterCallWork(availability, restored.since);
  }

  function requirePhase(phases: string[], code: string, message: string): EngineCall {
    if (!phases.includes(machine.phase) || !current) throw new CoreError(code, message);
    return current.call;
  }

  async function syncRegistration(): Promise<void> {
    const wanted = availability.returnTo !== 'Offline';
    const state = engine.registrationState();
    if (wanted && state === 'unregistered') await engine.register();
    if (!wanted && state === 'registered') await engine.unregister();
  }

  restore();
  persist();
  void syncRegistration().catch(report);
  const transfers = transferCommands({
    connected: () => requirePhase(connectedPhases, 'not_connected', 'Only a connected call can be transferred.'),
    apply,
    snapshot,
    defaultRegion: deps.defaultRegion,
    current: () => snapshot().call,
    write: deps.write,
    lineKind: () => engine.kind,
    now: nowIso,
  });

  return {
    ...transfers,
    snapshot,
    answer() {
      requirePhase(['ringing-in'], 'no_ringing_call', 'There is no ringing call to answer.').accept();
      return snapshot();
    },
    reject() {
      requirePhase(['ringing-in'], 'no_ringing_call', 'There is no ringing call to reject.').reject();
      return snapshot();
    },
    hangup() {
      if (machine.phase === 'ringing-in') {
        current?.call.reject();
      } else if (machine.phase === 'dialing' || machine.phase === 'ringing-out') {
        apply({ type: 'hangup-requested' });
        // Before the engine handed us the call, the attach below hangs it up.
        current?.call.disconnect();
      } else if (connectedPhases.includes(machine.phase)) {
        current?.call.disconnect();
      } else {
        throw new CoreError('no_call', 'There is no call to hang up.');
      }
      return snapshot();
    },
    mute(muted) {
      requirePhase(connectedPhases, 'not_connected', 'Mute works during a connected call.').mute(muted);
      return snapshot();
    },
    async hold() {
      await requirePhase(['in-progress'], 'not_connected', 'Only a connected call can be put on hold.').hold();
      return snapshot();
    },
    async resume() {
      await requirePhase(['on-hold'], 'not_on_hold', 'The call is not on hold.').resume();
      return snapshot();
    },
    sendDigits(digits) {
      const call = requirePhase(['in-progress'], 'not_connected', 'Keypad tones need a connected call.');
      call.sendDigits(digits);
      apply({ type: 'digits', digits });
      return snapshot();
    },
    chooseMatch(ref) {
      const match = matchOf(machine.call?.pop ?? null, ref);
      if (!machine.call || !match) {
        throw new CoreError('not_a_match', 'That record does not match the caller’s number.');
      }
      const callId = machine.call.callId;
      linkMatch(deps.write, deps.agent(), callId, match, nowIso());
      apply({ type: 'choose-match', match: ref });
      return snapshot();
    },
    refreshPop() {
      const call = machine.call;
      if (!call || machine.phase === 'idle') return;
      let pop: ScreenPop;
      try {
        pop = deps.lookup.lookup(call.number);
      } catch (error) {
        report(error);
        return;
      }
      const before = call.chosen;
      apply({ type: 'pop-refreshed', pop });
      const after = machine.call?.chosen ?? null;
      const match = after && (before?.type !== after.type || before.id !== after.id) ? matchOf(pop, after) : null;
      if (match) {
        linkMatch(deps.write, deps.agent(), call.callId, match, nowIso());
      }
    },
    async setAvailability(chosen) {
      availability = chooseAvailability(availability, chosen, nowIso());
      saveChosenAvailability(deps.write.local, chosen);
      await syncRegistration();
      return publish();
    },
    async dial(request) {
      // The connect command leaves first; the snapshot and its writes follow in the same
      // tick. (Before, a session write and a snapshot stood between the click and the
      // invite.) Events of the call come back over the host link later, after the attach.
      const params: Record<string, string> = { callId: request.callId };
      if (request.extension) params.extension = request.extension;
      const connecting = machine.phase === 'idle' ? engine.connect({ to: request.e164, params }) : null;
      apply({
        type: 'dial',
        callId: request.callId,
        number: request.e164,
        numberDisplay: request.numberDisplay,
        subject: request.subject,
        pop: request.pop,
        at: nowIso(),
        related: request.related,
        chosen: request.chosen,
      });
      // The line was not idle: the reducer ignored the dial, and nothing was placed.
      if (!connecting) return;
      let call: EngineCall;
      try {
        call = await connecting;
      } catch (error) {
        apply({ type: 'dial-failed', error: asEngineError(error), at: nowIso() });
        return;
      }
      if (machine.call?.callId !== request.callId || machine.phase !== 'dialing') {
        call.disconnect();
        return;
      }
      attach(call);
      const stopNow = machine.call.agentEnded;
      apply({ type: 'dial-attached', engineCallId: call.info().id });
      if (stopNow) call.disconnect();
    },
    setNotes(notes) {
      if (!machine.call || !machine.draft) throw new CoreError('no_call', 'There is no call to take notes on.');
      machine = reduceLine(machine, { type: 'notes', notes }).state;
      persist();
    },
    pendingWrapUp() {
      const { call, draft } = machine;
      if (machine.phase !== 'wrap-up' || !call || !draft || !call.endedAt || !call.outcome) return null;
      const { callId, endedAt: since, answeredAt, outcome, number, chosen } = call;
      return { callId, since, answeredAt, outcome, draft, number, chosen };
    },
    saveDraft(next) {
      machine = reduceLine(machine, { type: 'draft-saved', draft: next }).state;
      persist();
    },
    finishWrapUp() {
      availability = endAfterCallWork(availability, nowIso());
      machine = reduceLine(machine, { type: 'wrapup-done' }).state;
      return publish();
    },
    close() {
      offEngine();
      detach();
    },
  };
}

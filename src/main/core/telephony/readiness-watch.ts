import type { Readiness } from '../../../shared/api/voice';
import type { EventBus } from '../events';
import type { LineSelection } from './line-selection';
import { assessReadiness } from './readiness';
import type { Scheduler } from './scheduler';

/**
 * Keeps the dock's readiness current: works it out again whenever the line, the Twilio
 * line's status or sync changes (and every 30 s, for the token's countdown), and emits
 * `voice.changed` only when the answer changed.
 */
export interface ReadinessWatch {
  current(): Readiness;
  close(): void;
}

export function createReadinessWatch(deps: {
  selection: LineSelection;
  events: EventBus;
  scheduler: Scheduler;
  sync: () => { pending: number; offline: boolean };
}): ReadinessWatch {
  let last = '';
  let closed = false;
  const current = (): Readiness => {
    const engine = deps.selection.engine;
    const sync = deps.sync();
    return assessReadiness({
      line: engine.kind,
      registration: engine.registrationState(),
      twilio: deps.selection.twilio()?.status() ?? null,
      syncPending: sync.pending,
      syncOffline: sync.offline,
      now: deps.scheduler.now(),
    });
  };
  const publish = () => {
    if (closed) return;
    const readiness = current();
    const key = JSON.stringify(readiness);
    if (key === last) return;
    last = key;
    deps.events.emit('voice.changed', readiness);
  };

  let offStatus: (() => void) | null = null;
  let watched: unknown = null;
  const follow = () => {
    const twilio = deps.selection.twilio();
    if (twilio === watched) return;
    offStatus?.();
    watched = twilio;
    offStatus = twilio ? twilio.onStatus(publish) : null;
  };
  const unsubscribe = deps.events.subscribe((name) => {
    if (name === 'line.changed' || name === 'sync.changed' || name === 'session.changed') {
      follow();
      publish();
    }
  });
  let cancelTick = () => {};
  const tick = () => {
    follow();
    publish();
    cancelTick = deps.scheduler.setTimeout(tick, 30_000);
  };
  tick();

  return {
    current,
    close() {
      closed = true;
      unsubscribe();
      offStatus?.();
      cancelTick();
    },
  };
}

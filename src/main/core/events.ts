import { events, type EventName, type Events } from '../../shared/api';
import type { EventPayload } from '../../shared/api/table';

export type EventListener = (name: EventName, payload: unknown) => void;

/**
 * The core's outgoing events. Payloads are parsed with the event table's schema before
 * anyone sees them, so a malformed event is caught here, at its source.
 */
export interface EventBus {
  emit<K extends EventName>(name: K, payload: EventPayload<Events, K>): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(name, payload) {
      const parsed = events[name].parse(payload);
      for (const listener of [...listeners]) listener(name, parsed);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

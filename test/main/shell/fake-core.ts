import { vi } from 'vitest';
import type { Core } from '../../../src/main/core/types';

type Listener = (name: string, payload: unknown) => void;

/** A Core that records what the shell asked of it; events are emitted by the test. */
export function createFakeCore() {
  const listeners = new Set<Listener>();
  const core = {
    dispatch: vi.fn(async (name: unknown, input: unknown) => ({ ok: true as const, value: { name, input } })),
    handleDialLink: vi.fn((_uri: string) => null),
    close: vi.fn(),
    events: {
      emit: vi.fn(),
      subscribe: vi.fn((listener: Listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      }),
    },
  };
  return {
    core: core as unknown as Core & typeof core,
    /** Emit an event the way the core's bus would. */
    emit: (name: string, payload: unknown) => {
      for (const listener of listeners) listener(name, payload);
    },
    listenerCount: () => listeners.size,
  };
}

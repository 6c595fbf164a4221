import type { ApiInput, ApiName, ApiOutput, EventName, Events } from '../../../shared/api';
import type { AgentBridge, EventPayload } from '../../../shared/api/table';
import type { AppError } from '../../../shared/result';
import { createWebSocketBridge } from './ws-bridge';

/** A refused request, carrying the core's code and its sentence for the agent. */
export class ApiError extends Error implements AppError {
  constructor(
    readonly code: string,
    message: string,
    readonly issues?: AppError['issues'],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    agent?: AgentBridge;
  }
}

function pickBridge(): AgentBridge {
  return window.agent ?? createWebSocketBridge();
}

const bridge = pickBridge();

/** Typed calls into the core; the core still parses every input itself. */
export async function call<K extends ApiName>(name: K, input: ApiInput<K>): Promise<ApiOutput<K>> {
  const reply = await bridge.invoke(name, input);
  if (!reply.ok) throw new ApiError(reply.error.code, reply.error.message, reply.error.issues);
  return reply.value as ApiOutput<K>;
}

export function onEvent<K extends EventName>(
  name: K,
  listener: (payload: EventPayload<Events, K>) => void,
): () => void {
  return bridge.subscribe((eventName, payload) => {
    if (eventName === name) listener(payload as EventPayload<Events, K>);
  });
}

/** Fires when the bridge (re)connects, so views can refetch what they missed. */
export function onReconnect(listener: () => void): () => void {
  return bridge.subscribe((eventName) => {
    if (eventName === 'bridge.connected') listener();
  });
}

/** The sentence to show for a failure: the core's own words, or the error's message. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

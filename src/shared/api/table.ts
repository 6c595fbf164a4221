import type { z } from 'zod';
import type { AppError } from '../result';

/** One request the UI may make: its input and output schemas and what it is for. */
export interface Endpoint<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly summary: string;
}

export type ApiTable = Readonly<Record<string, Endpoint>>;
export type EventTable = Readonly<Record<string, z.ZodType>>;

/** What a caller passes (before defaults) and what a handler receives (after parsing). */
export type CallerInput<T extends ApiTable, K extends keyof T> = z.input<T[K]['input']>;
export type HandlerInput<T extends ApiTable, K extends keyof T> = z.output<T[K]['input']>;
export type Output<T extends ApiTable, K extends keyof T> = z.output<T[K]['output']>;
export type EventPayload<E extends EventTable, K extends keyof E> = z.output<E[K]>;

/** What crosses the boundary: a value, or an error the UI can show as it is. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: AppError };

/**
 * The bridge the renderer talks to. In Electron the preload exposes it as
 * `window.agent` over IPC; in browser mode a WebSocket client implements it.
 * It is deliberately untyped at the wire: the typed client (client.ts) sits on top,
 * and the core parses every input with the table's schema, so a renderer that lies
 * about types is refused rather than trusted.
 */
export interface AgentBridge {
  invoke(name: string, input: unknown): Promise<Reply<unknown>>;
  /** Every event the core emits; returns a function that stops listening. */
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
}

/** IPC channel names, shared by preload and shell so they cannot drift apart. */
export const ipcChannels = {
  invoke: 'agent:invoke',
  event: 'agent:event',
} as const;

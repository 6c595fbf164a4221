import { notFound } from '../errors';
import type { LocalDb } from '../db/open';
import type { EventBus } from '../events';
import type { CoreOptions } from '../types';

/** What every feature's handlers share: the store, the clock, the event bus, the host. */
export interface HandlerContext {
  local: LocalDb;
  events: EventBus;
  now: () => Date;
  options: Pick<CoreOptions, 'dataDir' | 'host' | 'version'>;
  /** The agent on this desktop (owner of new calls, `by` of their history). */
  userId: string;
  /** The phone line in use (the company's choice, see telephony/line-selection.ts). */
  lineKind?: () => 'simulated' | 'twilio';
}

export function nowIso(ctx: HandlerContext): string {
  return ctx.now().toISOString();
}

/** The record, or a `not_found` reply naming what was asked for. */
export function orNotFound<T>(value: T | null, what: string, id: string): T {
  if (value === null) throw notFound(what, id);
  return value;
}

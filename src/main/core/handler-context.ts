import type { LocalDb } from './db/open';
import { notFound } from './errors';
import type { EventBus } from './events';
import type { WriteContext } from './sync/mutate';

/**
 * What every feature's handlers share. A module of its own, importing no feature, so a
 * feature (calls/line.ts) can take it without a cycle back through the core's options.
 */

/** Which host runs the core, and where; shown in app.info. */
export interface HostInfo {
  /** Folder for the SQLite file (and, in browser mode, the session file). */
  dataDir: string;
  /** Which host runs the core; shown in app.info. */
  host: 'electron' | 'browser';
  /** The app version, for app.info and the "database from the future" message. */
  version: string;
}

/** The store, the clock, the event bus, the host, and the write entry point's needs. */
export interface HandlerContext extends WriteContext {
  local: LocalDb;
  events: EventBus;
  now: () => Date;
  options: HostInfo;
  /** The agent on this desktop (owner of new calls, `by` of their history). */
  userId: string;
  /** The phone line in use (the company's choice, see telephony/line-selection.ts). */
  lineKind?: () => 'simulated' | 'twilio';
}

export function nowIso(ctx: Pick<HandlerContext, 'now'>): string {
  return ctx.now().toISOString();
}

/** The record, or a `not_found` reply naming what was asked for. */
export function orNotFound<T>(value: T | null, what: string, id: string): T {
  if (value === null) throw notFound(what, id);
  return value;
}

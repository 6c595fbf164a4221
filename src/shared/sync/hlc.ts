import { z } from 'zod';
import { err, ok, type Result } from '../result';

/**
 * A hybrid logical clock (Kulkarni et al.): physical milliseconds plus a counter plus the
 * node that made the stamp. Stamped on the desktop when the agent makes an edit, so a
 * conflict between two offline editors resolves by when the edits were made, not by when
 * they reached the server. The counter keeps stamps strictly increasing on one node even
 * when the wall clock stalls or steps back; `receive` folds in stamps seen from others,
 * so an edit made after seeing another edit always wins over it (causality), however
 * wrong the two wall clocks are.
 *
 * Packed form: `<15-digit ms>:<6-digit counter>:<node>`. Fixed widths make plain string
 * comparison the clock order, so the server and SQL can compare packed stamps directly.
 */
export interface Hlc {
  readonly wallMs: number;
  readonly counter: number;
  readonly node: string;
}

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;
export const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;
const NODE_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const HlcString = z
  .string()
  .regex(/^\d{15}:\d{6}:[A-Za-z0-9_-]{1,64}$/, 'A clock stamp looks like 000001767225600000:000000:node');
export type HlcString = z.infer<typeof HlcString>;

export type HlcError =
  | { code: 'counter_overflow'; message: string }
  | { code: 'clock_drift'; message: string }
  | { code: 'invalid_hlc'; message: string };

export function isValidNode(node: string): boolean {
  return NODE_PATTERN.test(node);
}

/** The smallest stamp of a node: what a fresh clock starts from. */
export function zeroHlc(node: string): Hlc {
  if (!isValidNode(node)) throw new Error(`Invalid HLC node id: ${node}`);
  return { wallMs: 0, counter: 0, node };
}

export function pack(hlc: Hlc): string {
  return `${String(hlc.wallMs).padStart(WALL_DIGITS, '0')}:${String(hlc.counter).padStart(COUNTER_DIGITS, '0')}:${hlc.node}`;
}

export function unpack(packed: string): Result<Hlc, HlcError> {
  if (!HlcString.safeParse(packed).success) {
    return err({ code: 'invalid_hlc', message: `Not a clock stamp: ${packed.slice(0, 100)}` });
  }
  const [wall, counter, ...rest] = packed.split(':');
  return ok({ wallMs: Number(wall), counter: Number(counter), node: rest.join(':') });
}

/** Total order: wall time, then counter, then node id (the tie-break between nodes). */
export function compare(a: Hlc, b: Hlc): -1 | 0 | 1 {
  if (a.wallMs !== b.wallMs) return a.wallMs < b.wallMs ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  if (a.node === b.node) return 0;
  return a.node < b.node ? -1 : 1;
}

/** Compares packed stamps; equal to `compare(unpack(a), unpack(b))` for valid stamps. */
export function comparePacked(a: string, b: string): -1 | 0 | 1 {
  return a === b ? 0 : a < b ? -1 : 1;
}

function bump(wallMs: number, counter: number, node: string): Result<Hlc, HlcError> {
  if (counter > MAX_COUNTER) {
    return err({ code: 'counter_overflow', message: 'Too many edits in one millisecond; try again.' });
  }
  return ok({ wallMs, counter, node });
}

/** A new stamp for a local event: later than every stamp this clock has produced or seen. */
export function tick(local: Hlc, nowMs: number): Result<Hlc, HlcError> {
  const wall = Math.max(local.wallMs, Math.floor(nowMs));
  return bump(wall, wall === local.wallMs ? local.counter + 1 : 0, local.node);
}

/**
 * Merges a stamp seen from elsewhere (a pull, another client's edit) into the local clock.
 * `maxDriftMs` refuses stamps too far ahead of our wall clock, so one machine with a clock
 * set years ahead cannot drag every other clock forward and win every conflict.
 */
export function receive(local: Hlc, remote: Hlc, nowMs: number, maxDriftMs = Infinity): Result<Hlc, HlcError> {
  const now = Math.floor(nowMs);
  if (remote.wallMs - now > maxDriftMs) {
    return err({ code: 'clock_drift', message: 'A clock stamp from another machine is too far in the future.' });
  }
  const wall = Math.max(local.wallMs, remote.wallMs, now);
  let counter: number;
  if (wall === local.wallMs && wall === remote.wallMs) counter = Math.max(local.counter, remote.counter) + 1;
  else if (wall === local.wallMs) counter = local.counter + 1;
  else if (wall === remote.wallMs) counter = remote.counter + 1;
  else counter = 0;
  return bump(wall, counter, local.node);
}

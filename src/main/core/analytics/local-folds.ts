import type { PeriodRange } from '../../../shared/domain/analytics-period';
import { bookingFigures } from '../../../shared/domain/bookings';
import type { CallDirection, CallStatus } from '../../../shared/domain/call';
import {
  periodSlots,
  summarizeFolds,
  type DashboardFigures,
  placer,
  type Fold,
  type Folds,
  type SummarizeOptions,
} from '../../../shared/domain/dashboard-figures';
import type { Db } from '../db/client';
import { readBookings, readCallStats, type StatsRow } from '../db/repositories/call-stats';

/**
 * The local store's `call_stats` rows (one per 15 minutes, counts and sums by direction ×
 * status in columns) → the shared Folds that summarizeFolds turns into the figures, the
 * same as foldBuckets makes of the reference buckets (the analytics tests compare them).
 * Each row is placed by arithmetic (the shared placer) and added into flat number arrays,
 * one cell per slot or hour × kind × figure: no object or string per row, as a month has
 * thousands of rows and the dashboard's budget is a few milliseconds.
 */

/** The four kinds of a call that happened, in foldBuckets' order (kindOf). */
const KINDS: readonly { direction: CallDirection; status: CallStatus }[] = [
  { direction: 'Inbound', status: 'Held' },
  { direction: 'Inbound', status: 'NotHeld' },
  { direction: 'Outbound', status: 'Held' },
  { direction: 'Outbound', status: 'NotHeld' },
];
/** Per kind: calls, talk sum, talk count, handle sum, handle count. */
const FIGURES = 5;
const WIDTH = KINDS.length * FIGURES;

/**
 * Where each column of a row goes, as [cell offset, column] pairs: a kind's figures start at
 * kind × FIGURES. Only Held calls have talk and handle time, and one count (`*_timed`) is
 * the divisor of both averages.
 */
const CELLS: readonly (readonly [number, number])[] = [
  [0, 1], // inbound Held: calls
  [5, 2], // inbound Not Held (missed): calls
  [10, 3], // outbound Held: calls
  [15, 4], // outbound Not Held: calls
  [1, 5], // inbound Held: talk sum
  [2, 7], // … talk count
  [3, 6], // … handle sum
  [4, 7], // … handle count
  [11, 8], // outbound Held: talk sum
  [12, 10],
  [13, 9],
  [14, 10],
];

/** Adds a row (StatsRow's column order) into the cells starting at `base`. */
function addRow(cells: Float64Array, base: number, r: StatsRow): void {
  for (const [offset, column] of CELLS) cells[base + offset] = cells[base + offset]! + r[column]!;
}

/** The cells of `count` places → one Fold per place and kind with calls. */
function foldsOf<F>(cells: Float64Array, count: number, extra: (at: number) => F): (Fold & F)[] {
  const folds: (Fold & F)[] = [];
  for (let at = 0; at < count; at++) {
    for (let k = 0; k < KINDS.length; k++) {
      const base = at * WIDTH + k * FIGURES;
      if (cells[base] === 0) continue;
      folds.push({
        ...KINDS[k]!,
        calls: cells[base]!,
        talkSum: cells[base + 1]!,
        talkCount: cells[base + 2]!,
        handleSum: cells[base + 3]!,
        handleCount: cells[base + 4]!,
        ...extra(at),
      });
    }
  }
  return folds;
}

export function foldStatsRows(
  rows: readonly StatsRow[],
  ownerId: string,
  options: Pick<SummarizeOptions, 'from' | 'to' | 'timeZone' | 'granularity'> & {
    breakdown: Folds['breakdown'];
  },
): Folds {
  const { from, to, timeZone, granularity } = options;
  const slotCount = periodSlots(from, to, timeZone, granularity).length;
  const place = placer(from, to, timeZone, granularity);
  const total = new Float64Array(WIDTH);
  const bySlot = new Float64Array(slotCount * WIDTH);
  const byHour = new Float64Array(24 * WIDTH);
  for (const r of rows) {
    const at = place(r[0]! * 1000);
    // The store reads the period's rows only; this keeps any other out all the same.
    if (at < 0) continue;
    addRow(total, 0, r);
    addRow(bySlot, Math.floor(at / 24) * WIDTH, r);
    addRow(byHour, (at % 24) * WIDTH, r);
  }
  return {
    agents: foldsOf(total, 1, () => ({ ownerId })),
    slots: foldsOf(bySlot, slotCount, (slot) => ({ slot })),
    hours: foldsOf(byHour, 24, (hour) => ({ hour })),
    breakdown: options.breakdown,
  };
}

/** An agent's own figures of a period, from the local store (the dashboard's `local` source). */
export function localFigures(
  db: Db,
  ownerId: string,
  options: PeriodRange & Pick<SummarizeOptions, 'timeZone' | 'followUpsOverdue' | 'names'>,
): DashboardFigures {
  const stats = readCallStats(db, ownerId, options.from, options.to);
  const summary = { ...options, breakdown: stats.breakdown };
  const figures = summarizeFolds(foldStatsRows(stats.rows, ownerId, summary), summary);
  const booked = readBookings(db, ownerId, options.from, options.to);
  figures.bookings = bookingFigures({ ...booked, answeredCalls: figures.totals.answered });
  return figures;
}

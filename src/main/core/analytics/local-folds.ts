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
 * Adds a row (StatsRow's column order) into the cells starting at `base`: a kind's figures
 * start at kind × FIGURES (calls, talk sum, talk count, handle sum, handle count). Only
 * Held calls have talk and handle time, and one count (`*_timed`) is the divisor of both
 * averages. Written out: a loop over a table of [cell, column] pairs cost 4 ms a month.
 */
function addRow(c: Float64Array, base: number, r: StatsRow): void {
  c[base] = c[base]! + r[1]!; // inbound Held: calls
  c[base + 1] = c[base + 1]! + r[5]!; // … talk sum
  c[base + 2] = c[base + 2]! + r[7]!; // … talk count
  c[base + 3] = c[base + 3]! + r[6]!; // … handle sum
  c[base + 4] = c[base + 4]! + r[7]!; // … handle count
  c[base + 5] = c[base + 5]! + r[2]!; // inbound Not Held (missed): calls
  c[base + 10] = c[base + 10]! + r[3]!; // outbound Held: calls
  c[base + 11] = c[base + 11]! + r[8]!;
  c[base + 12] = c[base + 12]! + r[10]!;
  c[base + 13] = c[base + 13]! + r[9]!;
  c[base + 14] = c[base + 14]! + r[10]!;
  c[base + 15] = c[base + 15]! + r[4]!; // outbound Not Held: calls
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

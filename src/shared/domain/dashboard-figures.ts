import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { CallStatus } from './call';
import type { Granularity } from './analytics-period';
import type { StatsBucket } from './call-analytics';

/**
 * Buckets (call-analytics.ts) → the dashboard's figures, the same code on the desktop (its
 * own calls, from the local store) and on the server (the team's). Charts are cut by the
 * wall clock of the agent's zone, with Temporal, so a 23-hour spring-forward day has 23
 * hourly bars and a 25-hour fall-back day 25.
 */

const Totals = z.object({
  inbound: z.number().int(),
  outbound: z.number().int(),
  answered: z.number().int(),
  missed: z.number().int(),
  /** Calls that happened (Held + Not Held). */
  happened: z.number().int(),
  /** answered / happened; null when no call happened. */
  answerRate: z.number().nullable(),
  talkSeconds: z.number(),
  averageTalkSeconds: z.number().nullable(),
  averageHandleSeconds: z.number().nullable(),
});
export type Totals = z.infer<typeof Totals>;

export const SeriesPoint = z.object({
  /** Start of the slot (an hour, a day or a month of the agent's zone), UTC ISO. */
  start: z.string(),
  label: z.string(),
  inbound: z.number().int(),
  outbound: z.number().int(),
  answered: z.number().int(),
  happened: z.number().int(),
  answerRate: z.number().nullable(),
});
export type SeriesPoint = z.infer<typeof SeriesPoint>;

export const AgentRow = Totals.extend({ ownerId: z.string(), name: z.string() });
export type AgentRow = z.infer<typeof AgentRow>;

export const DashboardFigures = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  granularity: z.enum(['hour', 'day', 'month']),
  totals: Totals,
  outcomes: z.record(CallStatus, z.number().int()),
  dispositions: z.array(z.object({ code: z.string(), count: z.number().int() })),
  /** Calls that happened by hour of the day (0–23, the agent's zone). */
  busiestHours: z.array(z.object({ hour: z.number().int(), calls: z.number().int() })),
  series: z.array(SeriesPoint),
  /** One row per agent (the team view); the agent's own view has just theirs. */
  agents: z.array(AgentRow),
  /** Open follow-ups past their due time, now. */
  followUpsOverdue: z.number().int(),
  /**
   * Visits booked in the period and the share of answered calls that ended in one
   * (shared/domain/bookings.ts); null where a store does not count them.
   */
  bookings: z.object({ count: z.number().int(), conversionRate: z.number().nullable() }).nullable(),
});
export type DashboardFigures = z.infer<typeof DashboardFigures>;

interface Accumulator {
  inbound: number;
  outbound: number;
  answered: number;
  missed: number;
  talkSum: number;
  talkCount: number;
  handleSum: number;
  handleCount: number;
}

const emptyAccumulator = (): Accumulator => ({
  inbound: 0,
  outbound: 0,
  answered: 0,
  missed: 0,
  talkSum: 0,
  talkCount: 0,
  handleSum: 0,
  handleCount: 0,
});

const happenedStatus = (status: string) => status === 'Held' || status === 'NotHeld';

function add(acc: Accumulator, b: Fold): void {
  if (!happenedStatus(b.status)) return;
  if (b.direction === 'Inbound') acc.inbound += b.calls;
  else acc.outbound += b.calls;
  if (b.status === 'Held') acc.answered += b.calls;
  else if (b.direction === 'Inbound') acc.missed += b.calls;
  acc.talkSum += b.talkSum;
  acc.talkCount += b.talkCount;
  acc.handleSum += b.handleSum;
  acc.handleCount += b.handleCount;
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

function totalsOf(acc: Accumulator): Totals {
  const happened = acc.inbound + acc.outbound;
  return {
    inbound: acc.inbound,
    outbound: acc.outbound,
    answered: acc.answered,
    missed: acc.missed,
    happened,
    answerRate: ratio(acc.answered, happened),
    talkSeconds: acc.talkSum,
    averageTalkSeconds: ratio(acc.talkSum, acc.talkCount),
    averageHandleSeconds: ratio(acc.handleSum, acc.handleCount),
  };
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const unit = { hour: 'hours', day: 'days', month: 'months' } as const;

const labelFormats = {
  day: { month: 'short', day: 'numeric' },
  month: { month: 'short', year: 'numeric' },
} as const;
const labelFormatters: Partial<Record<keyof typeof labelFormats, Intl.DateTimeFormat>> = {};

function slotLabel(at: Temporal.ZonedDateTime, granularity: Granularity): string {
  if (granularity === 'hour') return `${String(at.hour).padStart(2, '0')}:00`;
  // One formatter per granularity, made once: PlainDate.toLocaleString makes one per call
  // (~0.2 ms each: a month's day labels were 6 ms of CPU). The calendar day is formatted
  // as UTC's, so the zone cannot move it.
  const format = (labelFormatters[granularity] ??= new Intl.DateTimeFormat('en-US', {
    ...labelFormats[granularity],
    timeZone: 'UTC',
  }));
  return format.format(Date.UTC(at.year, at.month - 1, at.day));
}

/** The slots of the period in the zone's wall clock; an hour skipped by DST has no slot. */
function slotsOf(from: Date, to: Date, timeZone: string, granularity: Granularity) {
  const slots: { startMs: number; label: string }[] = [];
  let at = Temporal.Instant.fromEpochMilliseconds(from.getTime()).toZonedDateTimeISO(timeZone);
  while (at.epochMilliseconds < to.getTime()) {
    slots.push({ startMs: at.epochMilliseconds, label: slotLabel(at, granularity) });
    // Hours step on the timeline (a repeated fall-back hour is its own slot); days and
    // months on the calendar (so their length follows DST).
    at = granularity === 'hour' ? at.add({ hours: 1 }) : at.add({ [unit[granularity]]: 1 });
  }
  return slots;
}

let lastSlots: { key: string; slots: { startMs: number; label: string }[] } | null = null;

/**
 * periodSlots: slotsOf, remembered for the last period asked (a request asks twice: the
 * store to place calls, the summary to label them; Temporal's labels cost milliseconds).
 */
export function periodSlots(from: Date, to: Date, timeZone: string, granularity: Granularity) {
  const key = `${from.getTime()}|${to.getTime()}|${timeZone}|${granularity}`;
  if (lastSlots?.key !== key) lastSlots = { key, slots: slotsOf(from, to, timeZone, granularity) };
  return lastSlots.slots;
}

/**
 * The zone's UTC offset over the period, as segments from each DST change on: a few
 * Temporal calls per request instead of one per bucket (the polyfill's zone lookups
 * are slow, and a month has thousands of buckets).
 */
export function offsetSegments(from: Date, to: Date, timeZone: string): { startMs: number; offsetMs: number }[] {
  let at: Temporal.ZonedDateTime | null = Temporal.Instant.fromEpochMilliseconds(from.getTime()).toZonedDateTimeISO(
    timeZone,
  );
  const segments: { startMs: number; offsetMs: number }[] = [];
  while (at && at.epochMilliseconds < to.getTime()) {
    segments.push({ startMs: at.epochMilliseconds, offsetMs: at.offsetNanoseconds / 1e6 });
    at = at.getTimeZoneTransition('next');
  }
  return segments;
}

/** Index of the last slot starting at or before `ms` (slots are sorted). */
function slotIndex(slots: readonly { startMs: number }[], ms: number): number {
  let low = 0;
  let high = slots.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (slots[mid]!.startMs <= ms) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Where an instant falls in the period: `slot * 24 + hour` (its slot of periodSlots and
 * its hour on the zone's wall clock), or -1 outside the period. Pure arithmetic on the
 * period's slots and offset segments, worked out once: asked in ascending order (the
 * stores' key order) each cursor only moves forward; out of order, it searches.
 */
export function placer(from: Date, to: Date, timeZone: string, granularity: Granularity): (ms: number) => number {
  const slots = periodSlots(from, to, timeZone, granularity);
  const offsets = offsetSegments(from, to, timeZone);
  const fromMs = from.getTime();
  const toMs = to.getTime();
  let slot = 0;
  let segment = 0;
  const advance = (list: readonly { startMs: number }[], at: number, ms: number) => {
    if (list[at]!.startMs > ms) return slotIndex(list, ms);
    while (at + 1 < list.length && list[at + 1]!.startMs <= ms) at++;
    return at;
  };
  return (ms) => {
    if (ms < fromMs || ms >= toMs) return -1;
    slot = advance(slots, slot, ms);
    segment = advance(offsets, segment, ms);
    const local = ms + offsets[segment]!.offsetMs;
    return slot * 24 + Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS);
  };
}

export interface SummarizeOptions {
  from: Date;
  to: Date;
  timeZone: string;
  granularity: Granularity;
  /** Agent id → display name, for the per-agent rows. */
  names?: ReadonlyMap<string, string>;
  followUpsOverdue: number;
  bookings?: DashboardFigures['bookings'];
  /**
   * Calls by status and disposition over the whole period, when the store counts them
   * apart (the desktop: its buckets then carry no disposition); else they come from the buckets.
   */
  breakdown?: readonly Breakdown[];
}

type Breakdown = { status: CallStatus; disposition: string | null; calls: number };
/** Calls of one direction and status, summed (any status: only Held and Not Held count in the figures). */
export type Fold = Pick<
  StatsBucket,
  'direction' | 'status' | 'calls' | 'talkSum' | 'talkCount' | 'handleSum' | 'handleCount'
>;

/**
 * The period's calls already summed along each axis the figures need, so a store can do
 * the folding where the calls are (the server's SQL) and hand over a few hundred rows
 * instead of one per bucket. Every call of the period is in exactly one row of each list.
 */
export interface Folds {
  agents: readonly (Fold & { ownerId: string })[];
  /** `slot` indexes periodSlots(): the hour, day or month of the zone. */
  slots: readonly (Fold & { slot: number })[];
  /** `hour` is the hour of the day (0–23) on the zone's wall clock. */
  hours: readonly (Fold & { hour: number })[];
  breakdown: readonly Breakdown[];
}

/** Adds a bucket into a fold (made on first use): the buckets are summed in place, not copied. */
function sumInto<F extends Fold>(folds: (F | undefined)[], at: number, b: Fold, make: () => F): void {
  const fold = (folds[at] ??= make());
  fold.calls += b.calls;
  fold.talkSum += b.talkSum;
  fold.talkCount += b.talkCount;
  fold.handleSum += b.handleSum;
  fold.handleCount += b.handleCount;
}

const zero = (b: Fold): Fold => ({
  direction: b.direction,
  status: b.status,
  calls: 0,
  talkSum: 0,
  talkCount: 0,
  handleSum: 0,
  handleCount: 0,
});

/** The four kinds of a call that happened (direction × Held or not), as an index: numbers, not string keys, in the hot loop. */
const kindOf = (b: Fold) => (b.direction === 'Inbound' ? 0 : 2) + (b.status === 'Held' ? 0 : 1);

/**
 * Buckets → folds (the desktop's way): each bucket placed in its slot and local hour and
 * summed there, so a month of ~10,000 buckets becomes a few hundred folds. Buckets of
 * calls that never happened only count in the breakdown (the figures skip them anyway).
 */
export function foldBuckets(buckets: readonly StatsBucket[], options: SummarizeOptions): Folds {
  const { from, to, timeZone } = options;
  const place = placer(from, to, timeZone, options.granularity);
  const agents = new Map<string, (Fold & { ownerId: string })[]>();
  const bySlot: (Fold & { slot: number })[] = [];
  const byHour: (Fold & { hour: number })[] = [];
  const breakdown: Breakdown[] = options.breakdown ? [...options.breakdown] : [];
  for (const b of buckets) {
    const at = place(Date.parse(`${b.bucket}:00Z`));
    // The stores read the period's buckets only; this keeps any other out all the same.
    if (at < 0) continue;
    if (!options.breakdown) breakdown.push(b);
    if (!happenedStatus(b.status)) continue;
    const kind = kindOf(b);
    const slot = Math.floor(at / 24);
    const hour = at % 24;
    let agent = agents.get(b.ownerId);
    if (!agent) agents.set(b.ownerId, (agent = []));
    sumInto(agent, kind, b, () => ({ ...zero(b), ownerId: b.ownerId }));
    sumInto(bySlot, slot * 4 + kind, b, () => ({ ...zero(b), slot }));
    sumInto(byHour, hour * 4 + kind, b, () => ({ ...zero(b), hour }));
  }
  const present = <F>(folds: (F | undefined)[]) => folds.filter((f): f is F => f !== undefined);
  return {
    agents: [...agents.values()].flatMap(present),
    slots: present(bySlot),
    hours: present(byHour),
    breakdown,
  };
}

export function summarizeBuckets(buckets: readonly StatsBucket[], options: SummarizeOptions): DashboardFigures {
  return summarizeFolds(foldBuckets(buckets, options), options);
}

export function summarizeFolds(folds: Folds, options: SummarizeOptions): DashboardFigures {
  const { from, to, timeZone, granularity } = options;
  const slots = periodSlots(from, to, timeZone, granularity);
  const series = slots.map(() => emptyAccumulator());
  const total = emptyAccumulator();
  const agents = new Map<string, Accumulator>();
  const outcomes: Record<CallStatus, number> = { Planned: 0, Held: 0, NotHeld: 0, Cancelled: 0 };
  const dispositions = new Map<string, number>();
  const hours = new Array<number>(24).fill(0);
  for (const b of folds.breakdown) {
    outcomes[b.status] += b.calls;
    const code = b.disposition ?? 'none';
    dispositions.set(code, (dispositions.get(code) ?? 0) + b.calls);
  }
  for (const f of folds.agents) {
    if (!happenedStatus(f.status)) continue;
    add(total, f);
    let agent = agents.get(f.ownerId);
    if (!agent) agents.set(f.ownerId, (agent = emptyAccumulator()));
    add(agent, f);
  }
  for (const f of folds.slots) if (happenedStatus(f.status)) add(series[f.slot]!, f);
  for (const f of folds.hours) if (happenedStatus(f.status)) hours[f.hour]! += f.calls;

  return {
    from: from.toISOString(),
    to: to.toISOString(),
    timeZone,
    granularity,
    totals: totalsOf(total),
    outcomes,
    dispositions: [...dispositions]
      .map(([code, count]) => ({ code, count }))
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    busiestHours: hours.map((calls, hour) => ({ hour, calls })),
    series: slots.map((slot, i) => {
      const t = totalsOf(series[i]!);
      return {
        start: new Date(slot.startMs).toISOString(),
        label: slot.label,
        inbound: t.inbound,
        outbound: t.outbound,
        answered: t.answered,
        happened: t.happened,
        answerRate: t.answerRate,
      };
    }),
    agents: [...agents]
      .map(([ownerId, acc]) => ({ ownerId, name: options.names?.get(ownerId) ?? ownerId, ...totalsOf(acc) }))
      .sort((a, b) => b.happened - a.happened || a.name.localeCompare(b.name)),
    followUpsOverdue: options.followUpsOverdue,
    bookings: options.bookings ?? null,
  };
}

import { describe, expect, it } from 'vitest';
import { localFigures } from '../../../../src/main/core/analytics/local-folds';
import { periodRange } from '../../../../src/shared/domain/analytics-period';
import { bucketsOf } from '../../../../src/shared/domain/call-analytics';
import { summarizeBuckets } from '../../../../src/shared/domain/dashboard-figures';
import { fixtureDb } from '../helpers';

/**
 * The local store's figures (call_stats' wide rows folded by local-folds.ts) equal the
 * shared reference (bucketsOf → summarizeBuckets) over the same calls: every tile, chart
 * slot, hour, outcome and disposition, in zones whose days are not UTC's (DST changes in
 * New York, Kathmandu's +5:45, Kiritimati's +14), by hour, day and month.
 */

const statuses = ['Held', 'NotHeld', 'Held', 'Cancelled', 'Planned', 'Held', 'NotHeld'] as const;
const codes = ['resolved', 'sale', null, 'missed', 'callback_requested'];

/**
 * A call every 53 minutes (so every quarter hour is hit) from late February to mid-November
 * 2026, written with plain SQL (the app's write path would take minutes for 7,000 calls;
 * the triggers under test fire on any insert).
 */
function seed(local: ReturnType<typeof fixtureDb>): void {
  const insert = local.sqlite.prepare(
    `insert into calls (id, direction, subject, status, status_reason, actual_start, actual_end, duration_seconds,
       disposition_code, owner_id, created_at, updated_at, wrapped_up_at)
     values (?, ?, 'Call', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const first = Date.parse('2026-02-25T00:00:00.000Z');
  local.sqlite.transaction(() => {
    for (let i = 0; i < 7_000; i++) {
      const start = new Date(first + i * 53 * 60_000).toISOString();
      const status = statuses[i % statuses.length]!;
      const seconds = status === 'Held' ? 20 + ((i * 37) % 900) : null;
      const end = seconds === null ? null : new Date(Date.parse(start) + seconds * 1000).toISOString();
      // Some wrap-ups, some saved before the call's end (no negative after-call work).
      const wrapped = end && i % 4 !== 0 ? new Date(Date.parse(end) + ((i % 9) - 2) * 17_000).toISOString() : null;
      const planned = status === 'Planned' || status === 'Cancelled';
      insert.run(
        `c${i}`,
        i % 3 === 0 ? 'Outbound' : 'Inbound',
        status,
        status === 'NotHeld' ? 'No answer' : null,
        planned ? null : start,
        end,
        seconds,
        codes[i % codes.length],
        i % 11 === 0 ? 'colleague' : 'me',
        start,
        start,
        wrapped,
      );
    }
  })();
}

const periods = [
  { from: '2026-03-08', to: '2026-03-08' }, // New York's spring-forward day: 23 hourly slots
  { from: '2026-11-01', to: '2026-11-01' }, // its fall-back day: 25
  { from: '2026-03-01', to: '2026-03-31' },
  { from: '2026-02-25', to: '2026-11-14' }, // by month, past the seeded span at both ends
];

describe('the local figures equal the shared reference', () => {
  it.each(['America/New_York', 'Asia/Kathmandu', 'Pacific/Kiritimati', 'UTC'])('in %s', (timeZone) => {
    const local = fixtureDb();
    seed(local);
    const reference = local.sqlite
      .prepare(
        `select owner_id as ownerId, direction, status, duration_seconds as durationSeconds, actual_end as actualEnd,
         wrapped_up_at as wrappedUpAt, sort_at as occurredAt, disposition_code as dispositionCode from calls
       where owner_id = 'me'`,
      )
      .all() as Parameters<typeof bucketsOf>[0];
    const buckets = bucketsOf(reference);
    const now = new Date('2026-12-01T12:00:00.000Z');
    for (const period of periods) {
      const range = periodRange('custom', now, timeZone, period);
      const mine = localFigures(local.db, 'me', { ...range, timeZone, followUpsOverdue: 3 });
      const expected = summarizeBuckets(buckets, { ...range, timeZone, followUpsOverdue: 3 });
      expect(mine.totals.happened).toBeGreaterThan(10);
      expect({ ...mine, bookings: null }).toEqual(expected);
    }
  });
});

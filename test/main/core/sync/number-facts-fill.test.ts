import { describe, expect, it } from 'vitest';
import type { Contact } from '../../../../src/shared/domain/directory';
import { emptyProfile } from '../../../../src/shared/domain/directory';
import type { LocalDb } from '../../../../src/main/core/db/open';
import { writeRecord } from '../../../../src/main/core/sync/cache-write';
import { createWorkerFactsSweep } from '../../../../src/main/core/sync/facts-in-worker';
import { writeUnsynced } from '../../../../src/main/core/sync/mutate';
import { createNumberFactsFiller, type FactsSweep } from '../../../../src/main/core/sync/number-facts-fill';
import { openTestDb } from '../helpers';

/**
 * The number facts a first download defers (cache-write.ts, deferNumberFacts) are filled
 * afterwards: on the main thread in windows with a yield between every two, or in the
 * download's worker thread on a connection of its own.
 */

const at = '2026-06-01T09:00:00.000Z';
const contact = (n: number): Contact => ({
  ...emptyProfile,
  id: `ct-${n}`,
  firstName: 'Ada',
  lastName: `Lovelace ${n}`,
  title: '',
  email: '',
  tags: [],
  doNotContact: false,
  doNotContactReason: null,
  timeZone: null,
  accountId: null,
  phones: [{ kind: 'work', e164: `+4420794${String(n).padStart(5, '0')}`, extension: null }],
  isDemo: false,
  createdAt: at,
  updatedAt: at,
});

/** `count` contacts of one number each, written as the download writes them: no facts. */
function downloadedStore(count: number): LocalDb {
  const local = openTestDb();
  writeUnsynced(local, 'server copy', (tx) => {
    for (let n = 1; n <= count; n++) writeRecord(tx, 'contacts', contact(n), { deferNumberFacts: true });
  });
  return local;
}

const missing = (local: LocalDb) =>
  (local.sqlite.prepare(`select count(*) as n from phones where display is null`).get() as { n: number }).n;
const cardsMissing = (local: LocalDb) =>
  (local.sqlite.prepare(`select count(*) as n from caller_cards where display is null`).get() as { n: number }).n;

describe('the number-facts fill after a download', () => {
  it('on the main thread: one window per transaction, with a yield between every two', async () => {
    const local = downloadedStore(25);
    const missingAtYield: number[] = [];
    const filler = createNumberFactsFiller({
      local,
      window: 4,
      yieldNow: async () => {
        missingAtYield.push(missing(local));
      },
      roundsIdle: async () => {},
    });
    filler.request();
    await filler.idle();
    expect(missing(local)).toBe(0);
    expect(cardsMissing(local)).toBe(0);
    // 25 rows in windows of 4: seven windows, a yield after each of the first six, and
    // at every yield exactly the windows before it are written.
    expect(missingAtYield).toEqual([21, 17, 13, 9, 5, 1, 0]);
  });

  it('with a worker given, the sweep runs there and stop() aborts it', async () => {
    const local = downloadedStore(3);
    const signals: AbortSignal[] = [];
    let release = () => {};
    const sweepElsewhere: FactsSweep = (signal) => {
      signals.push(signal);
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    };
    const filler = createNumberFactsFiller({
      local,
      yieldNow: async () => {},
      roundsIdle: async () => {},
      sweepElsewhere,
    });
    filler.request();
    await new Promise((resolve) => setImmediate(resolve));
    expect(signals).toHaveLength(1);
    // Nothing filled on this thread.
    expect(missing(local)).toBe(3);
    const stopped = filler.stop();
    expect(signals[0]!.aborted).toBe(true);
    release();
    await stopped;
  });

  it('in the worker thread: every phone row and its caller card get their facts', async () => {
    const local = downloadedStore(300);
    await createWorkerFactsSweep({ local, entry: null, window: 64 })(new AbortController().signal);
    expect(missing(local)).toBe(0);
    expect(cardsMissing(local)).toBe(0);
    const row = local.sqlite
      .prepare(`select display, country_zone as zone from phones where e164 = ?`)
      .get('+442079400007');
    expect(row).toEqual({ display: '+44 20 7940 0007', zone: 'Europe/London' });
  }, 30_000);

  it('in the worker thread: an abort stops it after its current window', async () => {
    const local = downloadedStore(2_000);
    const abort = new AbortController();
    abort.abort();
    await createWorkerFactsSweep({ local, entry: null, window: 1 })(abort.signal);
    expect(missing(local)).toBeGreaterThan(0);
  }, 30_000);
});

import type { CallQualitySummary } from '../domain/call';

/** The fields of the SDK's per-second RTCSample this reads (`call.on('sample')`). */
export interface QualitySample {
  mos: number | null;
  jitter: number;
  totals?: { packetsLost: number; packetsReceived: number };
}

/**
 * A call's quality over its life, from its samples: the average MOS (samples with a
 * MOS only: the first seconds have none), the worst jitter, and the packets lost of
 * those expected over the whole call (the totals are cumulative: the last one counts).
 */
export function createQualityTracker() {
  let mosSum = 0;
  let mosCount = 0;
  let worstJitter: number | null = null;
  let lost = 0;
  let received = 0;
  return {
    add(sample: QualitySample): void {
      if (typeof sample.mos === 'number' && sample.mos > 0) {
        mosSum += sample.mos;
        mosCount += 1;
      }
      if (Number.isFinite(sample.jitter)) worstJitter = Math.max(worstJitter ?? 0, sample.jitter);
      if (sample.totals) {
        lost = sample.totals.packetsLost;
        received = sample.totals.packetsReceived;
      }
    },
    summary(): CallQualitySummary {
      const expected = lost + received;
      return {
        averageMos: mosCount > 0 ? Math.round((mosSum / mosCount) * 100) / 100 : null,
        worstJitterMs: worstJitter === null ? null : Math.round(worstJitter * 10) / 10,
        packetLossPercent: expected > 0 ? Math.round((lost / expected) * 10_000) / 100 : null,
      };
    },
  };
}

import { describe, expect, it } from 'vitest';
import { createQualityTracker } from '../../../src/shared/voice/quality-tracker';

describe('the voice host’s call quality tracker', () => {
  it('averages MOS over the samples that have one, keeps the worst jitter and the loss over the whole call', () => {
    const tracker = createQualityTracker();
    tracker.add({ mos: null, jitter: 2, totals: { packetsLost: 0, packetsReceived: 40 } });
    tracker.add({ mos: 4.4, jitter: 31.25, totals: { packetsLost: 2, packetsReceived: 90 } });
    tracker.add({ mos: 4.0, jitter: 5, totals: { packetsLost: 4, packetsReceived: 196 } });
    expect(tracker.summary()).toEqual({ averageMos: 4.2, worstJitterMs: 31.3, packetLossPercent: 2 });
  });

  it('a call that never carried media has nothing measured', () => {
    expect(createQualityTracker().summary()).toEqual({
      averageMos: null,
      worstJitterMs: null,
      packetLossPercent: null,
    });
  });
});

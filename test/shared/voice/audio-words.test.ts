import { describe, expect, it } from 'vitest';
import { fallbackInWords, preflightInWords, type PreflightReport } from '../../../src/shared/voice/audio';
import { qualitySummaryInWords } from '../../../src/shared/voice/quality';

const at = '2026-03-10T14:00:00.000Z';
const good: PreflightReport = {
  outcome: 'completed',
  error: null,
  rttMs: 42,
  jitterMs: 3.2,
  mos: 4.38,
  maxRttMs: 60,
  quality: 'excellent',
  edge: 'ashburn',
  signalingMs: 120,
  mediaMs: 80,
  warnings: [],
};

describe('the pre-call test in words', () => {
  it('a clean test is Good, with each measure on its own line', () => {
    const result = preflightInWords(good, at);
    expect(result.verdict).toBe('good');
    expect(result.summary).toBe('This computer and network are ready for calls.');
    expect(result.lines).toEqual([
      { label: 'Connectivity', text: 'Connected to Twilio (ashburn edge) in 120 ms, audio path up in 80 ms.' },
      { label: 'Latency', text: '42 ms round trip (worst 60 ms): fine.' },
      { label: 'Jitter', text: '3.2 ms: steady.' },
      { label: 'Audio quality (MOS)', text: '4.38 out of 4.5, excellent.' },
    ]);
  });

  it('one measure past Twilio’s warning threshold makes it Fair, two make it Poor', () => {
    expect(preflightInWords({ ...good, jitterMs: 45 }, at)).toMatchObject({ verdict: 'fair' });
    expect(preflightInWords({ ...good, jitterMs: 45 }, at).lines[2]!.text).toBe('45.0 ms: audio may sound choppy.');
    expect(preflightInWords({ ...good, jitterMs: 45, rttMs: 650, mos: 3.1 }, at)).toMatchObject({ verdict: 'poor' });
  });

  it('a test with no MOS cannot be called Good', () => {
    expect(preflightInWords({ ...good, mos: null, quality: null }, at).verdict).toBe('fair');
  });

  it('a failed test says it could not connect, with Twilio’s reason and code', () => {
    const result = preflightInWords(
      { ...good, outcome: 'failed', error: { code: 31005, message: 'Connection error' }, rttMs: null },
      at,
    );
    expect(result.verdict).toBe('failed');
    expect(result.lines).toEqual([{ label: 'Connectivity', text: 'Failed: Connection error (31005).' }]);
  });
});

describe('devices and call quality in words', () => {
  it('names the unplugged device and what the line uses instead', () => {
    expect(fallbackInWords('microphone', 'USB headset')).toBe(
      '“USB headset” was unplugged: the microphone is now the system default.',
    );
    expect(fallbackInWords('ringer', '')).toBe(
      'The chosen device was unplugged: the ringer output is now the system default.',
    );
  });

  it('summarises a call’s quality for its detail', () => {
    expect(qualitySummaryInWords({ averageMos: 4.21, worstJitterMs: 23.4, packetLossPercent: 0.8 })).toBe(
      'Good audio (MOS 4.21 on average), worst jitter 23.4 ms, 0.8% of packets lost',
    );
    expect(qualitySummaryInWords({ averageMos: 3.2, worstJitterMs: null, packetLossPercent: null })).toBe(
      'Poor audio (MOS 3.20 on average)',
    );
    expect(qualitySummaryInWords({ averageMos: null, worstJitterMs: null, packetLossPercent: null })).toBe(
      'Not measured',
    );
  });
});

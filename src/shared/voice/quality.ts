import type { CallQualitySummary } from '../domain/call';

export { CallQualitySummary } from '../domain/call';

/**
 * The Voice SDK's call-quality warnings in words an agent understands, for the call
 * panel (live) and the readiness indicator (the last call). Unknown names pass through.
 */
const warningWords: Record<string, string> = {
  'high-rtt': 'slow connection',
  'low-mos': 'poor audio',
  'high-jitter': 'choppy audio',
  'high-packet-loss': 'lost audio',
  'high-packets-lost-fraction': 'lost audio',
  'low-bytes-received': 'no sound from the caller',
  'low-bytes-sent': 'no sound from your microphone',
  'constant-audio-input-level': 'a silent microphone',
  'constant-audio-output-level': 'silent speakers',
  'ice-connectivity-lost': 'dropped connection',
};

export function warningInWords(name: string): string {
  return warningWords[name] ?? name;
}

/** Several warnings as one phrase, each said once: "choppy audio, lost audio". */
export function warningsInWords(names: readonly string[]): string {
  return [...new Set(names.map(warningInWords))].join(', ');
}

/**
 * A call's quality summary for its detail: "Good audio (MOS 4.21 on average), worst
 * jitter 23.4 ms, 0.8% of packets lost". The verdict uses Twilio's warning thresholds.
 */
export function qualitySummaryInWords(quality: CallQualitySummary): string {
  const parts: string[] = [];
  if (quality.averageMos !== null) {
    const verdict = quality.averageMos >= 4 ? 'Good audio' : quality.averageMos >= 3.5 ? 'Fair audio' : 'Poor audio';
    parts.push(`${verdict} (MOS ${quality.averageMos.toFixed(2)} on average)`);
  }
  if (quality.worstJitterMs !== null) parts.push(`worst jitter ${quality.worstJitterMs.toFixed(1)} ms`);
  if (quality.packetLossPercent !== null) parts.push(`${quality.packetLossPercent}% of packets lost`);
  const text = parts.join(', ');
  return text ? text[0]!.toUpperCase() + text.slice(1) : 'Not measured';
}

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

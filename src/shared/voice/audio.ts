import { z } from 'zod';

/**
 * Audio devices and the pre-call test, as the voice host reports them and the console
 * shows them. The voice host lists the devices (the SDK's `device.audio`), the core
 * remembers the agent's choice per machine (a desktop setting, never synced) and has the
 * host apply it; the pre-call test is the SDK's `Device.runPreflight`.
 */

/** A MediaDeviceInfo.deviceId: an opaque string, per origin. `default` is the system's choice. */
export const AudioDeviceId = z.string().min(1).max(200);

export const AudioDevice = z.object({ id: AudioDeviceId, label: z.string().max(200) }).strict();
export type AudioDevice = z.infer<typeof AudioDevice>;

export const AudioRole = z.enum(['microphone', 'speaker', 'ringer']);
export type AudioRole = z.infer<typeof AudioRole>;

/** What the agent chose; null means the system default. */
export const AudioChoice = z
  .object({
    microphone: AudioDeviceId.nullable(),
    speaker: AudioDeviceId.nullable(),
    ringer: AudioDeviceId.nullable(),
  })
  .strict();
export type AudioChoice = z.infer<typeof AudioChoice>;

export const AudioDeviceList = z
  .object({ inputs: z.array(AudioDevice).max(64), outputs: z.array(AudioDevice).max(64) })
  .strict();
export type AudioDeviceList = z.infer<typeof AudioDeviceList>;

/** The SDK's own verdict on a pre-call test (PreflightTest.CallQuality). */
export const PreflightQuality = z.enum(['excellent', 'great', 'good', 'fair', 'degraded']);

/** What the voice host measured in a pre-call test: the figures, no words. */
export const PreflightReport = z
  .object({
    outcome: z.enum(['completed', 'failed']),
    /** The Twilio error when the test failed (31005 connection, 31401 microphone…). */
    error: z
      .object({ code: z.number().int(), message: z.string().max(2000) })
      .strict()
      .nullable(),
    /** Averages over the test call's samples (round trip and jitter in ms, MOS 1–4.5). */
    rttMs: z.number().nonnegative().nullable(),
    jitterMs: z.number().nonnegative().nullable(),
    mos: z.number().nonnegative().nullable(),
    /** Worst round trip seen during the test. */
    maxRttMs: z.number().nonnegative().nullable(),
    quality: PreflightQuality.nullable(),
    edge: z.string().max(64).nullable(),
    /** How long connecting the signaling and the media took. */
    signalingMs: z.number().nonnegative().nullable(),
    mediaMs: z.number().nonnegative().nullable(),
    warnings: z.array(z.string().max(64)).max(32),
  })
  .strict();
export type PreflightReport = z.infer<typeof PreflightReport>;

export const PreflightVerdict = z.enum(['good', 'fair', 'poor', 'failed']);
export type PreflightVerdict = z.infer<typeof PreflightVerdict>;

/** The pre-call test as the console shows it: a verdict and one line per measure, in words. */
export const PreflightResult = z.object({
  verdict: PreflightVerdict,
  summary: z.string(),
  lines: z.array(z.object({ label: z.string(), text: z.string() })),
  report: PreflightReport,
  finishedAt: z.string(),
});
export type PreflightResult = z.infer<typeof PreflightResult>;

const fixed = (n: number, digits = 0) => n.toFixed(digits);

/** Thresholds as Twilio's call-quality warnings use them (high-rtt 400 ms, high-jitter 30 ms, low-mos 3.5). */
export const qualityThresholds = { rttMs: 400, jitterMs: 30, mos: 3.5 } as const;

export function preflightInWords(report: PreflightReport, finishedAt: string): PreflightResult {
  if (report.outcome === 'failed') {
    const reason = report.error ? `${report.error.message} (${report.error.code})` : 'no reason given';
    return {
      verdict: 'failed',
      summary: 'The test call could not connect: calls will not work from here until this is fixed.',
      lines: [{ label: 'Connectivity', text: `Failed: ${reason}.` }],
      report,
      finishedAt,
    };
  }
  const lines: PreflightResult['lines'] = [
    {
      label: 'Connectivity',
      text:
        `Connected to Twilio${report.edge ? ` (${report.edge} edge)` : ''}` +
        (report.signalingMs !== null ? ` in ${fixed(report.signalingMs)} ms` : '') +
        (report.mediaMs !== null ? `, audio path up in ${fixed(report.mediaMs)} ms.` : '.'),
    },
  ];
  let problems = 0;
  if (report.rttMs !== null) {
    const slow = report.rttMs > qualityThresholds.rttMs;
    if (slow) problems += 1;
    lines.push({
      label: 'Latency',
      text: `${fixed(report.rttMs)} ms round trip${report.maxRttMs !== null ? ` (worst ${fixed(report.maxRttMs)} ms)` : ''}: ${slow ? 'slow, callers may talk over you' : 'fine'}.`,
    });
  }
  if (report.jitterMs !== null) {
    const choppy = report.jitterMs > qualityThresholds.jitterMs;
    if (choppy) problems += 1;
    lines.push({
      label: 'Jitter',
      text: `${fixed(report.jitterMs, 1)} ms: ${choppy ? 'audio may sound choppy' : 'steady'}.`,
    });
  }
  if (report.mos !== null) {
    const poor = report.mos < qualityThresholds.mos;
    if (poor) problems += 1;
    lines.push({
      label: 'Audio quality (MOS)',
      text: `${fixed(report.mos, 2)} out of 4.5${report.quality ? `, ${report.quality}` : ''}.`,
    });
  } else {
    problems += 1;
    lines.push({ label: 'Audio quality (MOS)', text: 'Not measured: the test call carried too little audio.' });
  }
  if (report.warnings.length > 0) lines.push({ label: 'Warnings', text: report.warnings.join(', ') });
  const degraded = report.quality === 'degraded' || report.quality === 'fair';
  const verdict: PreflightVerdict = problems >= 2 ? 'poor' : problems === 1 || degraded ? 'fair' : 'good';
  const summary =
    verdict === 'good'
      ? 'This computer and network are ready for calls.'
      : verdict === 'fair'
        ? 'Calls will work, but callers may notice the problem below.'
        : 'Calls will connect but sound bad; try another network or a wired connection.';
  return { verdict, summary, lines, report, finishedAt };
}

/** A chosen device that is gone: the line uses the system default, and says so. */
export function fallbackInWords(role: AudioRole, label: string): string {
  const what = role === 'microphone' ? 'microphone' : role === 'speaker' ? 'speaker' : 'ringer output';
  const name = label ? `“${label}”` : 'The chosen device';
  return `${name} was unplugged: the ${what} is now the system default.`;
}

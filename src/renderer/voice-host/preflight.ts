import { Call, Device, PreflightTest } from '@twilio/voice-sdk';
import type { PreflightReport } from '../../shared/voice/audio';
import type { HostCommand, HostEvent } from '../../shared/voice/host-protocol';

/**
 * The pre-call test: the SDK's Device.runPreflight, a short test call through Twilio
 * (the fake Twilio in tests) that measures connectivity, round trip, jitter and MOS.
 * Only the figures go back to the core; the words are the console's.
 */

type PreflightCommand = Extract<HostCommand, { type: 'preflight' }>;

const average = (stat: { average: number } | undefined) => (stat ? stat.average : null);
const duration = (timing: { duration?: number } | undefined) => timing?.duration ?? null;

export function toPreflightReport(report: PreflightTest.Report): PreflightReport {
  const timing = report.networkTiming as Record<string, { duration?: number } | undefined>;
  return {
    outcome: 'completed',
    error: null,
    rttMs: average(report.stats?.rtt),
    jitterMs: average(report.stats?.jitter),
    mos: average(report.stats?.mos),
    maxRttMs: report.stats?.rtt.max ?? null,
    quality: (report.callQuality as PreflightReport['quality']) ?? null,
    edge: report.edge ?? report.selectedEdge ?? null,
    signalingMs: duration(timing.signaling),
    mediaMs: duration(timing.ice) ?? duration(timing.peerConnection),
    warnings: report.warnings.map((w) => w.name).slice(0, 32),
  };
}

function failedReport(error: unknown): PreflightReport {
  const e = error as { code?: unknown; message?: unknown } | null;
  return {
    outcome: 'failed',
    error: {
      code: typeof e?.code === 'number' ? e.code : 31005,
      message: String(e?.message ?? error).slice(0, 2000),
    },
    rttMs: null,
    jitterMs: null,
    mos: null,
    maxRttMs: null,
    quality: null,
    edge: null,
    signalingMs: null,
    mediaMs: null,
    warnings: [],
  };
}

export function runPreflight(command: PreflightCommand, deps: { send(event: HostEvent): void; soundUrl: string }) {
  const sounds = Object.fromEntries(Object.values(Device.SoundName).map((name) => [name, deps.soundUrl]));
  // runPreflight forwards only some options to its Device: a factory adds the app's own
  // sounds (never sdk.twilio.com) and keeps the test out of Insights.
  class TestDevice extends Device {
    constructor(token: string, options: Device.Options) {
      super(token, { ...options, sounds, publishEvents: false } as Device.Options);
    }
  }
  const options = {
    edge: command.edge,
    codecPreferences: [Call.Codec.Opus, Call.Codec.PCMU],
    signalingTimeoutMs: 10_000,
    deviceFactory: TestDevice,
    ...(command.signalingHost ? { chunderw: command.signalingHost } : {}),
  };
  let done = false;
  const finish = (report: PreflightReport) => {
    if (done) return;
    done = true;
    deps.send({ type: 'preflight', id: command.id, report });
  };
  try {
    const test = Device.runPreflight(command.token, options as PreflightTest.Options);
    test.on(PreflightTest.Events.Completed, (report: PreflightTest.Report) => finish(toPreflightReport(report)));
    test.on(PreflightTest.Events.Failed, (error: unknown) => finish(failedReport(error)));
  } catch (error) {
    finish(failedReport(error));
  }
}

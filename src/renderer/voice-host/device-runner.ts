import { Call, Device } from '@twilio/voice-sdk';
import {
  HostWarningName,
  type DeviceSetup,
  type HostCallEvent,
  type HostCallInfo,
  type HostCommand,
  type HostError,
  type HostEvent,
} from '../../shared/voice/host-protocol';
import { createAudioControl } from './audio-control';
import { createQualityTracker, type QualitySample } from '../../shared/voice/quality-tracker';
import { runPreflight } from './preflight';

/**
 * The Device and its calls, driven by the core's commands and reported back as host
 * events. It decides nothing: the core's TwilioEngine owns tokens, retries and the
 * watchdog; this only translates between the protocol and the SDK.
 */

export interface DeviceRunnerDeps {
  send(event: HostEvent): void;
  /** The app's own quiet sound for every SDK sound: nothing is fetched from sdk.twilio.com. */
  soundUrl: string;
  onState(text: string): void;
}

/** Options the SDK reads but does not declare in its public types. */
interface ExtendedOptions extends Device.Options {
  chunderw?: string;
  publishEvents?: boolean;
}

const soundNames = Object.values(Device.SoundName);

function asError(error: unknown): HostError {
  const e = error as { code?: unknown; message?: unknown } | null;
  return {
    code: typeof e?.code === 'number' ? e.code : 31005,
    message: String(e?.message ?? error).slice(0, 2000),
  };
}

function stringRecord(source: Record<string, unknown> | Map<string, unknown>): Record<string, string> {
  const entries = source instanceof Map ? [...source.entries()] : Object.entries(source);
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
}

export function createDeviceRunner(deps: DeviceRunnerDeps) {
  let device: Device | null = null;
  let nextRef = 1;
  const calls = new Map<string, Promise<Call | null>>();
  const audio = createAudioControl({ send: deps.send });

  const callSidOf = (call: Call): string | null => call.parameters?.CallSid ?? null;
  const infoOf = (ref: string, call: Call): HostCallInfo => ({
    ref,
    callSid: callSidOf(call),
    direction: call.direction === Call.CallDirection.Incoming ? 'incoming' : 'outgoing',
    parameters: stringRecord(call.parameters ?? {}),
    customParameters: stringRecord(call.customParameters ?? new Map()),
  });

  function watchCall(ref: string, call: Call): void {
    const report = (event: HostCallEvent) => deps.send({ type: 'call', ref, callSid: callSidOf(call), event });
    const quality = createQualityTracker();
    // The summary goes out before the call's end, so the core has it when it closes the record.
    const ending = (event: HostCallEvent) => () => {
      audio.afterCall(ref);
      report({ type: 'quality', summary: quality.summary() });
      report(event);
    };
    const warning = (type: 'warning' | 'warning-cleared') => (name: string) => {
      const parsed = HostWarningName.safeParse(name);
      if (parsed.success) report({ type, name: parsed.data });
    };
    call.on('ringing', (hasEarlyMedia: boolean) => {
      deps.send({ type: 'callInfo', call: infoOf(ref, call) });
      report({ type: 'ringing', hasEarlyMedia: Boolean(hasEarlyMedia) });
    });
    call.on('accept', () => {
      deps.send({ type: 'callInfo', call: infoOf(ref, call) });
      report({ type: 'accept' });
    });
    call.on('cancel', () => finish(ref, ending({ type: 'cancel' })));
    call.on('reject', () => finish(ref, ending({ type: 'reject' })));
    // The SDK emits `disconnect` before the `error` that explains it (a refused microphone:
    // `_disconnect()` then `emit('error')`); the core expects the explanation first.
    call.on('disconnect', () => setTimeout(() => finish(ref, ending({ type: 'disconnect' })), 0));
    call.on('sample', (sample: QualitySample) => quality.add(sample));
    call.on('volume', (input: number, output: number) => audio.callLevel(input, output));
    call.on('mute', (isMuted: boolean) => report({ type: 'mute', isMuted }));
    call.on('reconnecting', (error: unknown) => report({ type: 'reconnecting', error: asError(error) }));
    call.on('reconnected', () => report({ type: 'reconnected' }));
    call.on('warning', warning('warning'));
    call.on('warning-cleared', warning('warning-cleared'));
    call.on('error', (error: unknown) => report({ type: 'error', error: asError(error) }));
  }

  function finish(ref: string, report: () => void): void {
    calls.delete(ref);
    report();
  }

  function setup(options: DeviceSetup): void {
    device?.destroy();
    const sounds = Object.fromEntries(soundNames.map((name) => [name, deps.soundUrl]));
    const deviceOptions: ExtendedOptions = {
      edge: options.edge,
      closeProtection: false,
      codecPreferences: [Call.Codec.Opus, Call.Codec.PCMU],
      enableImprovedSignalingErrorPrecision: true,
      tokenRefreshMs: options.tokenRefreshMs,
      logLevel: 'warn',
      sounds,
      publishEvents: options.publishInsights,
      ...(options.signalingHost ? { chunderw: options.signalingHost } : {}),
    };
    const current = new Device(options.token, deviceOptions);
    device = current;
    audio.attach(current);
    // The console rings (with the caller's name) itself; the SDK's ringtone would ring twice.
    current.audio?.incoming(false);
    const registration = (state: 'registering' | 'registered' | 'unregistered' | 'destroyed') => () => {
      if (device !== current && state !== 'destroyed') return;
      deps.onState(state);
      deps.send({ type: 'registration', state });
    };
    current.on('registering', registration('registering'));
    current.on('registered', registration('registered'));
    current.on('unregistered', registration('unregistered'));
    current.on('tokenWillExpire', () => deps.send({ type: 'tokenWillExpire' }));
    current.on('error', (error: unknown, call?: Call) => {
      // A call's own error also arrives on the call; report the device-level ones here.
      if (!call) deps.send({ type: 'deviceError', error: asError(error) });
    });
    current.on('incoming', (call: Call) => {
      const ref = `in-${nextRef++}`;
      calls.set(ref, Promise.resolve(call));
      watchCall(ref, call);
      deps.send({ type: 'incoming', call: infoOf(ref, call) });
      // While it rings, the microphone starts: Answer then connects without waiting for it.
      // A moment after the pop is out, so opening it does not compete with the pop for the CPU.
      setTimeout(() => {
        if (call.status() === Call.State.Pending) audio.warm();
      }, 250);
    });
    current.register().catch((error: unknown) => deps.send({ type: 'deviceError', error: asError(error) }));
  }

  function connect(ref: string, params: Record<string, string>): void {
    if (!device) {
      deps.send({ type: 'connectFailed', ref, error: { code: 31005, message: 'The phone line is not set up.' } });
      return;
    }
    const current = device;
    const placing = audio
      .beforeCall(ref)
      .then(() => current.connect({ params }))
      .then(
        (call) => {
          watchCall(ref, call);
          return call;
        },
        (error: unknown) => {
          calls.delete(ref);
          audio.afterCall(ref);
          deps.send({ type: 'connectFailed', ref, error: asError(error) });
          return null;
        },
      );
    calls.set(ref, placing);
  }

  function onCall(ref: string, action: (call: Call) => void): void {
    void calls.get(ref)?.then((call) => {
      if (call) action(call);
    });
  }

  return {
    handle(command: HostCommand): void {
      switch (command.type) {
        case 'setup':
          return setup(command.setup);
        case 'updateToken':
          return device?.updateToken(command.token);
        case 'register':
          void device?.register().catch((error: unknown) => deps.send({ type: 'deviceError', error: asError(error) }));
          return;
        case 'unregister':
          void device?.unregister().catch(() => undefined);
          return;
        case 'destroy':
          audio.attach(null);
          device?.destroy();
          device = null;
          deps.onState('destroyed');
          return;
        case 'connect':
          return connect(command.ref, command.params);
        case 'accept':
          return onCall(command.ref, (call) => void audio.beforeCall(command.ref).then(() => call.accept()));
        case 'reject':
          return onCall(command.ref, (call) => call.reject());
        case 'ignore':
          return onCall(command.ref, (call) => call.ignore());
        case 'disconnect':
          return onCall(command.ref, (call) => call.disconnect());
        case 'mute':
          return onCall(command.ref, (call) => call.mute(command.muted));
        case 'sendDigits':
          return onCall(command.ref, (call) => call.sendDigits(command.digits));
        case 'audio':
          return audio.choose(command.choice);
        case 'meter':
          return audio.meter(command.on);
        case 'warmMicrophone':
          return audio.warm();
        case 'preflight':
          return runPreflight(command, { send: deps.send, soundUrl: deps.soundUrl });
      }
    },
  };
}

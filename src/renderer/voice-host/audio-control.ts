import type { Device } from '@twilio/voice-sdk';
import type { AudioChoice, AudioDevice, AudioRole } from '../../shared/voice/audio';
import type { HostEvent } from '../../shared/voice/host-protocol';

/**
 * The agent's audio devices on the SDK's `device.audio`: lists them for the core,
 * applies the chosen microphone, speaker and ringer output, notices a chosen device
 * unplugged (the SDK moves to the system default; this says so), and reports levels.
 *
 * The microphone is opened only for a call or while the Settings meter runs: a chosen
 * one is set just before a call starts and let go when the last call ends, so the OS
 * does not show the microphone in use all day. A call about to start (the dial sheet
 * open, a call ringing) opens it a moment early (`warm`), so neither the click on Call
 * nor Answer waits for the operating system to start it; unused, it is let go again.
 */

type AudioHelper = NonNullable<Device['audio']>;

const levelEveryMs = 100;
/** How long a warmed microphone waits for its call before it is let go. */
const warmForMs = 15_000;

function listOf(devices: Map<string, MediaDeviceInfo>): AudioDevice[] {
  return [...devices.values()]
    .slice(0, 64)
    .map((d) => ({ id: d.deviceId.slice(0, 200), label: d.label.slice(0, 200) }));
}

function firstId(devices: Set<MediaDeviceInfo>): string {
  return [...devices][0]?.deviceId ?? 'default';
}

export function createAudioControl(deps: { send(event: HostEvent): void }) {
  let audio: AudioHelper | null = null;
  let choice: AudioChoice = { microphone: null, speaker: null, ringer: null };
  let metering = false;
  /** The calls that took audio and have not ended. */
  const callsUp = new Set<string>();
  let lastLevelAt = 0;
  let warmTimer: ReturnType<typeof setTimeout> | null = null;
  const coolDown = () => {
    if (warmTimer) clearTimeout(warmTimer);
    warmTimer = null;
  };

  const report = () => {
    if (!audio) return;
    deps.send({
      type: 'audioDevices',
      devices: { inputs: listOf(audio.availableInputDevices), outputs: listOf(audio.availableOutputDevices) },
      inUse: {
        microphone: audio.inputDevice?.deviceId ?? null,
        speaker: firstId(audio.speakerDevices.get()),
        ringer: firstId(audio.ringtoneDevices.get()),
      },
    });
  };

  const level = (source: 'meter' | 'call', input: number, output: number) => {
    const now = performance.now();
    if (now - lastLevelAt < levelEveryMs) return;
    lastLevelAt = now;
    const clamp = (n: number) => Math.min(1, Math.max(0, Number.isFinite(n) ? n : 0));
    deps.send({ type: 'level', source, input: clamp(input), output: clamp(output) });
  };
  const onMeter = (volume: number) => level('meter', volume, 0);

  async function applyOutputs(): Promise<void> {
    const current = audio;
    if (!current?.isOutputSelectionSupported) return;
    for (const [role, collection] of [
      ['speaker', current.speakerDevices],
      ['ringer', current.ringtoneDevices],
    ] as const) {
      const wanted = choice[role];
      const id = wanted && current.availableOutputDevices.has(wanted) ? wanted : 'default';
      await collection.set(id).catch(() => collection.set(firstId(new Set(current.availableOutputDevices.values()))));
    }
  }

  /**
   * The chosen microphone if it is here; for the meter or a warm-up, else the system
   * default. Null lets the SDK open the default per call (a call that was not warmed).
   */
  async function openMicrophone(): Promise<void> {
    const current = audio;
    if (!current) return;
    const inputs = current.availableInputDevices;
    let id: string | null = null;
    if (choice.microphone && inputs.has(choice.microphone)) id = choice.microphone;
    else if (metering || warmTimer) id = inputs.has('default') ? 'default' : ([...inputs.keys()][0] ?? null);
    if (!id || current.inputDevice?.deviceId === id) return;
    await current.setInputDevice(id).catch((error: unknown) => {
      console.warn('[voice host] could not open the microphone', error);
    });
    report();
  }

  async function releaseMicrophone(): Promise<void> {
    if (!audio || metering || warmTimer || callsUp.size > 0) return;
    await audio.unsetInputDevice().catch(() => undefined);
    report();
  }

  /** The SDK lists the active devices it lost; it has already moved to the default. */
  const onDeviceChange = (lost: MediaDeviceInfo[]) => {
    for (const device of lost) {
      const roles: AudioRole[] =
        device.kind === 'audioinput'
          ? ['microphone']
          : (['speaker', 'ringer'] as const).filter((role) => choice[role] === device.deviceId);
      for (const role of roles) deps.send({ type: 'audioFallback', role, label: device.label.slice(0, 200) });
    }
    // A chosen output plugged back in is used again at once.
    void applyOutputs().finally(report);
  };

  return {
    /** A new Device (or none): devices are listed and the choice applied to it. */
    attach(device: Device | null): void {
      audio?.off('deviceChange', onDeviceChange);
      audio?.off('inputVolume', onMeter);
      audio = device?.audio ?? null;
      callsUp.clear();
      coolDown();
      if (!audio) return;
      audio.on('deviceChange', onDeviceChange);
      if (metering) {
        audio.on('inputVolume', onMeter);
        void openMicrophone();
      }
      void applyOutputs().finally(report);
    },
    choose(next: AudioChoice): void {
      choice = next;
      void applyOutputs().finally(report);
      if (metering || callsUp.size > 0) void openMicrophone();
    },
    meter(on: boolean): void {
      if (on === metering) return;
      metering = on;
      if (!audio) return;
      if (on) {
        audio.on('inputVolume', onMeter);
        void openMicrophone();
      } else {
        audio.off('inputVolume', onMeter);
        void releaseMicrophone();
      }
    },
    /** A call is about to take audio: open the microphone now, and let it go if none comes. */
    warm(): void {
      if (!audio) return;
      coolDown();
      warmTimer = setTimeout(() => {
        warmTimer = null;
        void releaseMicrophone();
      }, warmForMs);
      void openMicrophone();
    },
    /** Before a call takes audio (connect, accept). */
    async beforeCall(ref: string): Promise<void> {
      callsUp.add(ref);
      await openMicrophone();
    },
    afterCall(ref: string): void {
      // A call that ends (answered or not) takes the warm-up with it.
      const warmed = warmTimer !== null;
      coolDown();
      if (callsUp.delete(ref) || warmed) void releaseMicrophone();
    },
    callLevel(input: number, output: number): void {
      level('call', input, output);
    },
    report,
  };
}

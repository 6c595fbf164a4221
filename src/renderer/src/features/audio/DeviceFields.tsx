import { useEffect, useState } from 'react';
import type { AudioDevice, AudioRole } from '../../../../shared/voice/audio';
import './audio.css';
import { useAudio } from './audio-store';

/** The settings fields each role is saved in (desktop settings: this machine only). */
export const deviceSetting = {
  microphone: 'microphoneDeviceId',
  speaker: 'speakerDeviceId',
  ringer: 'ringerDeviceId',
} as const satisfies Record<AudioRole, string>;

export type DeviceSettings = Record<(typeof deviceSetting)[AudioRole], string | null>;

const roleLabels: Record<AudioRole, string> = {
  microphone: 'Microphone',
  speaker: 'Speaker (the call)',
  ringer: 'Ringer output',
};

/**
 * The devices to choose from. On the Twilio line the voice host lists them (what the
 * Voice SDK will use); with no voice host (the simulated line) this page's own list,
 * which sees the same devices under the same ids (one origin).
 */
function usePageDevices(enabled: boolean): { inputs: AudioDevice[]; outputs: AudioDevice[] } {
  const [devices, setDevices] = useState<{ inputs: AudioDevice[]; outputs: AudioDevice[] }>({
    inputs: [],
    outputs: [],
  });
  useEffect(() => {
    if (!enabled) return;
    const load = () =>
      navigator.mediaDevices
        ?.enumerateDevices()
        .then((all) => {
          const of = (kind: MediaDeviceKind) =>
            all.filter((d) => d.kind === kind).map((d) => ({ id: d.deviceId, label: d.label }));
          setDevices({ inputs: of('audioinput'), outputs: of('audiooutput') });
        })
        .catch(() => setDevices({ inputs: [], outputs: [] }));
    void load();
    navigator.mediaDevices?.addEventListener('devicechange', load);
    return () => navigator.mediaDevices?.removeEventListener('devicechange', load);
  }, [enabled]);
  return devices;
}

export function useDeviceLists() {
  const view = useAudio((s) => s.view);
  const fromHost = view?.listedBy === 'voice-host';
  const page = usePageDevices(!fromHost);
  return fromHost ? { inputs: view.inputs, outputs: view.outputs, fromHost } : { ...page, fromHost };
}

/** One select per role; "System default" is null. A chosen device that is not plugged in stays listed, named as such. */
export function DeviceFields(props: {
  value: DeviceSettings;
  onChange: (field: keyof DeviceSettings, id: string | null) => void;
  idPrefix: string;
}) {
  const { inputs, outputs } = useDeviceLists();
  return (
    <>
      {(['microphone', 'speaker', 'ringer'] as const).map((role) => {
        const field = deviceSetting[role];
        const value = props.value[field];
        const list = (role === 'microphone' ? inputs : outputs).filter((d) => d.id !== 'default');
        return (
          <label key={role} htmlFor={`${props.idPrefix}-${role}`}>
            {roleLabels[role]}
            <select
              id={`${props.idPrefix}-${role}`}
              value={value ?? ''}
              onChange={(e) => props.onChange(field, e.target.value || null)}
            >
              <option value="">System default</option>
              {list.map((d, i) => (
                <option key={d.id} value={d.id}>
                  {d.label || `${role === 'microphone' ? 'Input' : 'Output'} ${i + 1}`}
                </option>
              ))}
              {value && !list.some((d) => d.id === value) && <option value={value}>A device not connected now</option>}
            </select>
          </label>
        );
      })}
    </>
  );
}

/** A level from 0 to 1 as a bar, with its value for screen readers. */
export function LevelMeter({ label, level }: { label: string; level: number }) {
  const percent = Math.round(Math.min(1, Math.max(0, level)) * 100);
  return (
    <div className="level-meter">
      <span className="level-meter-label">{label}</span>
      <div
        className="level-meter-track"
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div className="level-meter-fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

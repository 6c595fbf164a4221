import type { HostEvent } from '../../shared/voice/host-protocol';

/**
 * Tells the core what the page can use: microphone permission and how many audio inputs
 * and outputs are present, now and whenever either changes (a headset unplugged, access
 * withdrawn in the system settings). The readiness indicator is built on it.
 */
export function reportMedia(send: (event: HostEvent) => void): () => Promise<void> {
  let permission: PermissionStatus | null = null;
  const report = async () => {
    let microphone: 'granted' | 'denied' | 'prompt' | 'unknown' = 'unknown';
    try {
      permission ??= await navigator.permissions.query({ name: 'microphone' as PermissionName });
      microphone = permission.state;
    } catch {
      // Not every host can query it; 'unknown' is honest.
    }
    let inputs = 0;
    let outputs = 0;
    try {
      for (const device of await navigator.mediaDevices.enumerateDevices()) {
        if (device.kind === 'audioinput') inputs += 1;
        if (device.kind === 'audiooutput') outputs += 1;
      }
    } catch {
      // No media devices API: counted as none.
    }
    send({ type: 'media', microphone, inputs, outputs });
  };
  navigator.mediaDevices?.addEventListener('devicechange', () => void report());
  void report().then(() => permission?.addEventListener('change', () => void report()));
  return report;
}

import { useEffect } from 'react';
import { useQuery } from '../../bridge/use-query';

/** AudioContext.setSinkId: Chromium 110+, not yet in TypeScript's DOM types. */
type SinkableContext = AudioContext & { setSinkId?: (id: string) => Promise<void> };

/**
 * Rings while a call is ringing, on the output the agent chose for the ringer (often
 * the laptop speaker, while the call itself goes to the headset). The tone is made
 * with Web Audio, the North American ring cadence (440 + 480 Hz, 2 s on, 4 s off),
 * so no sound file has to load before the first ring.
 */
export function useRingtone(ringing: boolean): void {
  const settings = useQuery('settings.get', {}, ['settings']);
  const deviceId = settings.data?.ringerDeviceId ?? null;

  useEffect(() => {
    if (!ringing) return;
    const context: SinkableContext = new AudioContext();
    if (deviceId && context.setSinkId) context.setSinkId(deviceId).catch(() => undefined);
    const gain = context.createGain();
    gain.gain.value = 0;
    gain.connect(context.destination);
    for (const frequency of [440, 480]) {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      oscillator.start();
    }
    const ring = () => {
      const t = context.currentTime;
      gain.gain.setValueAtTime(0.12, t);
      gain.gain.setValueAtTime(0, t + 2);
    };
    ring();
    const timer = setInterval(ring, 6000);
    return () => {
      clearInterval(timer);
      void context.close();
    };
  }, [ringing, deviceId]);
}

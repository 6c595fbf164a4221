import { useEffect, useState } from 'react';

/** Seconds since an instant, ticking once a second; null when there is no instant. */
export function useElapsed(sinceIso: string | null | undefined, untilIso?: string | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!sinceIso || untilIso) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [sinceIso, untilIso]);
  if (!sinceIso) return null;
  const end = untilIso ? Date.parse(untilIso) : now;
  return Math.max(0, Math.floor((end - Date.parse(sinceIso)) / 1000));
}

export function formatClock(seconds: number | null): string {
  if (seconds === null) return '0:00';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

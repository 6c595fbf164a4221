import { useEffect } from 'react';
import type { MissedReason } from '../../../../shared/api/missed-calls';
import { onEvent } from '../../bridge/client';
import { useUi } from '../../state/ui-store';

/** What the toast says; null when the agent needs no telling (they declined it themselves). */
export function missedCallAlert(caller: string, reason: MissedReason, availability: string): string | null {
  if (reason === 'rejected') return null;
  if (reason === 'unavailable') {
    const state = availability === 'AfterCallWork' ? 'in after-call work' : availability;
    return `Missed call from ${caller} while you were ${state}. A call-back task was added.`;
  }
  return `Missed call from ${caller}. A call-back task was added.`;
}

/** Toasts every missed call the agent may not have seen ring (`call.missed`). */
export function useMissedCallAlerts(): void {
  const toast = useUi((s) => s.toast);
  useEffect(
    () =>
      onEvent('call.missed', (missed) => {
        const text = missedCallAlert(missed.caller, missed.reason, missed.availability);
        if (text) toast('info', text);
      }),
    [toast],
  );
}

import { useEffect } from 'react';
import { describeMissedCall } from '../../../../shared/api/missed-calls';
import { onEvent } from '../../bridge/client';
import { useUi } from '../../state/ui-store';

/** Toasts every missed call the agent may not have seen ring (`call.missed`). */
export function useMissedCallAlerts(): void {
  const toast = useUi((s) => s.toast);
  useEffect(
    () =>
      onEvent('call.missed', (missed) => {
        const text = describeMissedCall(missed);
        if (text) toast('info', text);
      }),
    [toast],
  );
}

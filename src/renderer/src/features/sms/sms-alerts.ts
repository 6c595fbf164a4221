import { useEffect } from 'react';
import { onEvent } from '../../bridge/client';
import { useUi } from '../../state/ui-store';
import { useSms } from './sms-store';

/** Toasts each customer's text (`sms.received`), and opens the compose sheet for an sms: link. */
export function useSmsAlerts(): void {
  const toast = useUi((s) => s.toast);
  const compose = useSms((s) => s.compose);
  useEffect(() => {
    const offText = onEvent('sms.received', (text) => toast('info', `Text from ${text.who}: ${text.body}`));
    const offLink = onEvent('sms.requested', (link) => compose({ number: link.number ?? link.uri }));
    return () => {
      offText();
      offLink();
    };
  }, [toast, compose]);
}

import { useEffect } from 'react';
import { onEvent } from '../../bridge/client';
import { routeFromHash, useUi } from '../../state/ui-store';

/** A tray item or an OS notification was clicked: the shell names the screen to open. */
export function useShellNavigation(): void {
  const navigate = useUi((s) => s.navigate);
  useEffect(() => onEvent('app.navigate', ({ hash }) => navigate(routeFromHash(hash))), [navigate]);
}

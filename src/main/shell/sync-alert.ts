import type { SyncStatus } from '../../shared/api/sync';
import type { EventListener } from '../core/events';
import type { Notifier } from './notifications';

/**
 * A sync failure that needs the agent (the server refused the session, or refused a
 * change for good) is an OS notification once, clicking to Settings (CRM server, with
 * the sign-in and the refused changes). Being offline is not: sync retries by itself.
 */
const needsAgent = new Set(['session_expired', 'unauthorized', 'forbidden']);

export function wireSyncAlerts(deps: {
  subscribe: (listener: EventListener) => () => void;
  notifier: Pick<Notifier, 'notify'>;
  navigate: (hash: string) => void;
}): () => void {
  let announced: string | null = null;
  let rejected = 0;
  return deps.subscribe((name, payload) => {
    if (name !== 'sync.changed') return;
    const status = payload as SyncStatus;
    // A session that ended leaves the engine signed out with the reason as its last error.
    const error = status.lastError && needsAgent.has(status.lastError.code) ? status.lastError : null;
    if (error && announced !== error.code) {
      announced = error.code;
      deps.notifier.notify({
        title: 'Sync needs you',
        body: error.message,
        onClick: () => deps.navigate('#/settings'),
      });
    }
    if (!error) announced = null;
    if (status.rejected > rejected) {
      deps.notifier.notify({
        title: 'The CRM server refused a change',
        body: 'Open Settings → CRM server to discard or retry it.',
        onClick: () => deps.navigate('#/settings'),
      });
    }
    rejected = status.rejected;
  });
}

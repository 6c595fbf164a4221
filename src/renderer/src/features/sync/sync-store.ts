import { create } from 'zustand';
import type { SessionInfo, SyncStatus } from '../../../../shared/api/sync';
import { call, onEvent, onReconnect } from '../../bridge/client';

interface SyncMirror {
  status: SyncStatus | null;
  session: SessionInfo | null;
  loginOpen: boolean;
  setLoginOpen(open: boolean): void;
}

/** The core owns sync; the UI mirrors sync.status and the session and follows their events. */
export const useSync = create<SyncMirror>((set) => ({
  status: null,
  session: null,
  loginOpen: false,
  setLoginOpen: (loginOpen) => set({ loginOpen }),
}));

function refresh() {
  call('sync.status', {}).then(
    (status) => useSync.setState({ status }),
    () => undefined,
  );
  call('session.get', {}).then(
    (session) => useSync.setState({ session }),
    () => undefined,
  );
}
onEvent('sync.changed', (status) => useSync.setState({ status }));
onEvent('session.changed', (session) => useSync.setState({ session }));
onReconnect(refresh);
refresh();

// The network came back (Wi-Fi rejoined, VPN up): sync now rather than wait out the
// back-off, which can be a minute long after a long outage.
window.addEventListener('online', () => {
  call('sync.now', {}).then(
    (status) => useSync.setState({ status }),
    () => undefined,
  );
});

import { create } from 'zustand';
import type { Readiness } from '../../../../shared/api/voice';
import { call, onEvent, onReconnect } from '../../bridge/client';

/** A readiness level in words, for the dock's indicator and the top bar's line. */
export const readinessWords: Record<Readiness['level'], string> = {
  ready: 'Ready',
  degraded: 'Degraded',
  'not-ready': 'Not ready',
};

/** The core works readiness out; the UI mirrors `voice.readiness` and follows `voice.changed`. */
export const useReadiness = create<{ readiness: Readiness | null }>(() => ({ readiness: null }));

function refresh() {
  call('voice.readiness', {}).then(
    (readiness) => useReadiness.setState({ readiness }),
    () => undefined,
  );
}
onEvent('voice.changed', (readiness) => useReadiness.setState({ readiness }));
onReconnect(refresh);
refresh();

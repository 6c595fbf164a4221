import { create } from 'zustand';
import type { ApiInput, ApiName, ApiOutput } from '../../../../shared/api';
import type { LineSnapshot } from '../../../../shared/api/line';
import { call, errorMessage, onEvent, onReconnect } from '../../bridge/client';
import { useUi } from '../../state/ui-store';

interface LineState {
  snapshot: LineSnapshot | null;
  /** Sets a newer snapshot; an older one (an event overtaken by a reply) is dropped. */
  accept(snapshot: LineSnapshot): void;
}

export const useLine = create<LineState>((set, get) => ({
  snapshot: null,
  accept(snapshot) {
    const current = get().snapshot;
    if (!current || snapshot.version >= current.version) set({ snapshot });
  },
}));

/**
 * The core owns the live call; the UI only mirrors it. On load (and after a reload or
 * a reconnect) it asks for the line as it is, then follows `line.changed`, so a UI
 * reload never loses the call.
 */
function refresh() {
  call('line.state', {}).then(useLine.getState().accept, () => undefined);
}
onEvent('line.changed', (snapshot) => useLine.getState().accept(snapshot));
onReconnect(refresh);
refresh();

/** The line entries that answer with the new snapshot. */
type LineCommand = {
  [K in ApiName]: ApiOutput<K> extends LineSnapshot ? K : never;
}[ApiName];

/** Runs a line command; the new snapshot is applied, a refusal is shown as a toast. */
export async function lineCommand<K extends LineCommand>(
  name: K,
  ...input: ApiInput<K> extends Record<string, never> ? [] : [ApiInput<K>]
): Promise<void> {
  try {
    useLine.getState().accept((await call(name, (input[0] ?? {}) as ApiInput<K>)) as LineSnapshot);
  } catch (error) {
    useUi.getState().toast('error', errorMessage(error));
  }
}

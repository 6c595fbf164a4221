import { create } from 'zustand';
import type { AudioLevel, AudioView } from '../../../../shared/api/voice';
import { call, onEvent, onReconnect } from '../../bridge/client';

/**
 * The audio devices as the core reports them (`voice.audio`, listed by the voice host),
 * and the last level the voice host measured (the Settings meter, the call's volume).
 */
export const useAudio = create<{ view: AudioView | null; level: AudioLevel | null }>(() => ({
  view: null,
  level: null,
}));

function refresh() {
  call('voice.audio', {}).then(
    (view) => useAudio.setState({ view }),
    () => undefined,
  );
}
onEvent('voice.audio', (view) => useAudio.setState({ view }));
onEvent('voice.level', (level) => useAudio.setState({ level }));
onReconnect(refresh);
refresh();

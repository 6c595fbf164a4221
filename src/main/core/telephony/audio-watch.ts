import type { AudioChoice } from '../../../shared/voice/audio';
import type { EventBus } from '../events';
import type { LineSelection } from './line-selection';
import type { TwilioEngine } from './twilio-engine';
import { audioViewOf } from './voice-handlers';

/**
 * Keeps the console's audio view current: `voice.audio` when the voice host's device
 * list, the agent's choice or a fallback notice changed, `voice.level` for the meter
 * and the call's volume, and the agent's new choice sent to the voice host as soon as
 * Settings saves it.
 */
export function createAudioWatch(deps: { selection: LineSelection; events: EventBus; choice: () => AudioChoice }): {
  close(): void;
} {
  // The view as it stands at start: only a change is news (a settings save that touches no
  // audio choice says nothing to the audio screens).
  let last = JSON.stringify(audioViewOf(deps.selection.twilio(), deps.choice()));
  let watched: TwilioEngine | null = null;
  let offStatus: (() => void) | null = null;
  let offLevel: (() => void) | null = null;

  const publish = () => {
    const view = audioViewOf(deps.selection.twilio(), deps.choice());
    const key = JSON.stringify(view);
    if (key === last) return;
    last = key;
    deps.events.emit('voice.audio', view);
  };
  const follow = () => {
    const twilio = deps.selection.twilio();
    if (twilio === watched) return;
    offStatus?.();
    offLevel?.();
    watched = twilio;
    offStatus = twilio ? twilio.onStatus(publish) : null;
    offLevel = twilio
      ? twilio.audio.onLevel(({ source, input, output }) => deps.events.emit('voice.level', { source, input, output }))
      : null;
  };
  const unsubscribe = deps.events.subscribe((name, payload) => {
    if (name === 'data.changed' && (payload as { entity?: string }).entity === 'settings') {
      deps.selection.twilio()?.audio.apply();
      publish();
    } else if (name === 'line.changed' || name === 'session.changed') {
      follow();
      publish();
    }
  });
  follow();

  return {
    close() {
      unsubscribe();
      offStatus?.();
      offLevel?.();
    },
  };
}

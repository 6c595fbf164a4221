import type { LineSnapshot } from '../../shared/api/line';
import type { Core } from '../core/types';

/**
 * What the tray, the global shortcuts and the headset keys do to the line, from the
 * main process: the same core requests the console's buttons send. Each follows the
 * line as the core last announced it (`line.changed`), so a toggle knows which way to go.
 */
export interface LineControls {
  /** The line as last announced; null until the first `line.state` answer or event. */
  current(): LineSnapshot | null;
  answer(): Promise<void>;
  /** Rejects a ringing call, hangs up a live or dialing one; nothing otherwise. */
  hangUp(): Promise<void>;
  toggleMute(): Promise<void>;
  toggleHold(): Promise<void>;
  /** A headset's play/pause: answers when it rings, hangs up during a call. */
  playPause(): Promise<void>;
  setAvailability(availability: 'Available' | 'Busy' | 'Away' | 'Offline'): Promise<void>;
  close(): void;
}

const live = new Set(['dialing', 'ringing-out', 'in-progress', 'on-hold']);

export function createLineControls(deps: {
  core: Pick<Core, 'dispatch' | 'events'>;
  /** Where a refusal goes (the core's words): the log, since no window may be in front. */
  report: (message: string) => void;
}): LineControls {
  let snapshot: LineSnapshot | null = null;
  const keep = (next: LineSnapshot) => {
    if (!snapshot || next.version >= snapshot.version) snapshot = next;
  };
  const unsubscribe = deps.core.events.subscribe((name, payload) => {
    if (name === 'line.changed') keep(payload as LineSnapshot);
  });
  void deps.core.dispatch('line.state', {}).then((reply) => {
    if (reply.ok) keep(reply.value as LineSnapshot);
  });
  const send = async (name: string, input: unknown = {}) => {
    const reply = await deps.core.dispatch(name, input);
    if (reply.ok) keep(reply.value as LineSnapshot);
    else deps.report(`${name}: ${reply.error.message}`);
  };
  const phase = () => snapshot?.phase ?? 'idle';
  const hangUp = async () => {
    if (phase() === 'ringing-in') await send('line.reject');
    else if (live.has(phase())) await send('line.hangup');
  };
  const answer = async () => {
    if (phase() === 'ringing-in') await send('line.answer');
  };
  return {
    current: () => snapshot,
    answer,
    hangUp,
    async toggleMute() {
      const call = snapshot?.call;
      if (call && live.has(phase())) await send('line.mute', { muted: !call.muted });
    },
    async toggleHold() {
      if (phase() === 'on-hold') await send('line.resume');
      else if (phase() === 'in-progress') await send('line.hold');
    },
    async playPause() {
      if (phase() === 'ringing-in') await answer();
      else await hangUp();
    },
    async setAvailability(availability) {
      await send('line.setAvailability', { availability });
    },
    close: unsubscribe,
  };
}

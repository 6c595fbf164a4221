import { useEffect } from 'react';
import type { LinePhase } from '../../../../shared/api/line';
import { dtmfKeyOf } from './dtmf-keys';
import { lineCommand, useLine } from './line-store';

/**
 * Keyboard shortcuts an agent uses without looking: they work from anywhere in the
 * console, including while typing notes, so they use a modifier. Digits, * and # need
 * none: during a connected call they are keypad tones (menus, PINs), except where the
 * agent is typing text (see `dtmfKeyOf`).
 */
export const shortcuts = {
  answer: { keys: 'Ctrl+Shift+A', label: 'Answer' },
  hangup: { keys: 'Ctrl+Shift+E', label: 'Hang up / reject' },
  mute: { keys: 'Ctrl+Shift+M', label: 'Mute / unmute' },
  hold: { keys: 'Ctrl+Shift+H', label: 'Hold / resume' },
} as const;

const connected: readonly LinePhase[] = ['in-progress', 'on-hold'];

export function useLineShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const digit = dtmfKeyOf(e);
      if (digit !== null) {
        if (useLine.getState().snapshot?.phase !== 'in-progress') return;
        e.preventDefault();
        void lineCommand('line.sendDigits', { digits: digit });
        return;
      }
      if (!(e.ctrlKey || e.metaKey) || !e.shiftKey) return;
      const snapshot = useLine.getState().snapshot;
      if (!snapshot) return;
      const phase = snapshot.phase;
      const key = e.key.toUpperCase();
      let handled = true;
      if (key === 'A' && phase === 'ringing-in') void lineCommand('line.answer');
      else if (key === 'E' && phase === 'ringing-in') void lineCommand('line.reject');
      else if (key === 'E' && (connected.includes(phase) || phase === 'dialing' || phase === 'ringing-out'))
        void lineCommand('line.hangup');
      else if (key === 'M' && connected.includes(phase))
        void lineCommand('line.mute', { muted: !snapshot.call?.muted });
      else if (key === 'H' && phase === 'in-progress') void lineCommand('line.hold');
      else if (key === 'H' && phase === 'on-hold') void lineCommand('line.resume');
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

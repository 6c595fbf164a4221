import type { App, Dialog } from 'electron';

/**
 * Quitting during a call asks first. The voice host's own `closeProtection` cannot do
 * this in Electron (a beforeunload return value there silently cancels quit), so the
 * main process follows the line's phase and asks in 'before-quit' instead.
 */
const livePhases = new Set(['ringing-in', 'dialing', 'ringing-out', 'in-progress', 'on-hold']);

export function wireQuitGuard(deps: {
  app: Pick<App, 'on'>;
  dialog: Pick<Dialog, 'showMessageBoxSync'>;
  subscribe: (listener: (name: string, payload: unknown) => void) => () => void;
}): () => void {
  let inCall = false;
  const unsubscribe = deps.subscribe((name, payload) => {
    if (name !== 'line.changed') return;
    const phase = (payload as { phase?: unknown } | null)?.phase;
    inCall = typeof phase === 'string' && livePhases.has(phase);
  });
  deps.app.on('before-quit', (event) => {
    if (!inCall) return;
    const choice = deps.dialog.showMessageBoxSync({
      type: 'warning',
      buttons: ['Stay on the call', 'Quit and end the call'],
      defaultId: 0,
      cancelId: 0,
      message: 'A call is in progress.',
      detail: 'Quitting Switchboard ends the call.',
    });
    if (choice === 0) event.preventDefault();
  });
  return unsubscribe;
}

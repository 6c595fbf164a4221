import type { App, Dialog } from 'electron';

/**
 * Quitting during a call, or with a wrap-up not yet saved, asks first. The voice host's own `closeProtection` cannot do
 * this in Electron (a beforeunload return value there silently cancels quit), so the
 * main process follows the line's phase and asks in 'before-quit' instead.
 */
const livePhases = new Set(['ringing-in', 'dialing', 'ringing-out', 'in-progress', 'on-hold']);

const duringCall = {
  buttons: ['Stay on the call', 'Quit and end the call'],
  message: 'A call is in progress.',
  detail: 'Quitting Switchboard ends the call.',
};
// The wrap-up (disposition, notes) is what the CRM keeps of the call: quitting is allowed,
// but not without saying so.
const duringWrapUp = {
  buttons: ['Stay and finish the wrap-up', 'Quit anyway'],
  message: 'The last call’s wrap-up is not saved yet.',
  detail: 'Save it before quitting, or it waits for you the next time Switchboard starts.',
};

export function wireQuitGuard(deps: {
  app: Pick<App, 'on'>;
  dialog: Pick<Dialog, 'showMessageBoxSync'>;
  subscribe: (listener: (name: string, payload: unknown) => void) => () => void;
}): () => void {
  let phase: string | null = null;
  const unsubscribe = deps.subscribe((name, payload) => {
    if (name !== 'line.changed') return;
    const next = (payload as { phase?: unknown } | null)?.phase;
    phase = typeof next === 'string' ? next : null;
  });
  deps.app.on('before-quit', (event) => {
    const question =
      phase === null ? null : livePhases.has(phase) ? duringCall : phase === 'wrap-up' ? duringWrapUp : null;
    if (!question) return;
    const choice = deps.dialog.showMessageBoxSync({ type: 'warning', defaultId: 0, cancelId: 0, ...question });
    if (choice === 0) event.preventDefault();
  });
  return unsubscribe;
}

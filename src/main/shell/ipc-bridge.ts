import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { ipcChannels, type Reply } from '../../shared/api/table';
import type { Core } from '../core/types';
import type { AppPages } from './app-pages';

/**
 * The main side of window.agent: one IPC channel in (invoke), one out (event). The core's
 * dispatch parses every input with the API table's schema; this file only decides who may
 * talk at all.
 */

export interface IpcBridgeDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  core: Pick<Core, 'dispatch' | 'events'>;
  pages: AppPages;
  /** Is this WebContents one of our windows? */
  isOurs: (contents: WebContents) => boolean;
  /** Where events go: our live windows. */
  recipients: () => WebContents[];
}

const untrustedSender: Reply<never> = {
  ok: false,
  error: { code: 'untrusted_sender', message: 'This request did not come from a Switchboard window and was refused.' },
};

/**
 * A request is answered only when it comes from one of our windows AND from a frame
 * showing one of our pages: a window that somehow navigated elsewhere, or a foreign
 * frame inside it, gets nothing from the core.
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  deps: Pick<IpcBridgeDeps, 'isOurs' | 'pages'>,
): boolean {
  const frame = event.senderFrame;
  return deps.isOurs(event.sender) && frame !== null && deps.pages.isAppUrl(frame.url);
}

/** Wires the bridge; returns a function that unwires it (used at quit and in tests). */
export function wireIpc(deps: IpcBridgeDeps): () => void {
  deps.ipcMain.handle(ipcChannels.invoke, async (event, name: unknown, input: unknown) => {
    if (!isTrustedSender(event, deps)) return untrustedSender;
    return deps.core.dispatch(name, input);
  });
  const unsubscribe = deps.core.events.subscribe((name, payload) => {
    for (const contents of deps.recipients()) {
      if (!contents.isDestroyed()) contents.send(ipcChannels.event, name, payload);
    }
  });
  return () => {
    unsubscribe();
    deps.ipcMain.removeHandler(ipcChannels.invoke);
  };
}

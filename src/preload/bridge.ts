import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { isApiName } from '../shared/api';
import { ipcChannels, type AgentBridge, type Reply } from '../shared/api/table';

/**
 * Builds window.agent from the API table. The only IPC a page can cause is an invoke on
 * one channel with a name from the table, and a subscription to one event channel; the
 * page never sees ipcRenderer or an IPC event object (its `sender` would hand it the
 * whole ipcRenderer back).
 */
export function createAgentBridge(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): AgentBridge {
  return {
    invoke(name, input) {
      // Refused here, before IPC, so a typo or a hostile script cannot even knock on main's
      // door with a name the table does not have. (Main refuses it again in dispatch.)
      if (!isApiName(name)) return Promise.reject(new Error(`There is no request named ${String(name)}.`));
      return ipc.invoke(ipcChannels.invoke, name, input) as Promise<Reply<unknown>>;
    },
    subscribe(listener) {
      const forward = (_event: IpcRendererEvent, name: unknown, payload: unknown): void => {
        if (typeof name === 'string') listener(name, payload);
      };
      ipc.on(ipcChannels.event, forward);
      return () => {
        ipc.removeListener(ipcChannels.event, forward);
      };
    },
  };
}

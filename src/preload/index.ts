import { contextBridge, ipcRenderer } from 'electron';
import { createAgentBridge } from './bridge';

// The preload runs sandboxed: it is bundled into one CommonJS file (out/preload/index.cjs)
// because a sandboxed preload can neither be ESM nor require anything but 'electron'.
// window.agent is the only thing exposed; its type is declared in ./agent.d.ts.
contextBridge.exposeInMainWorld('agent', createAgentBridge(ipcRenderer));

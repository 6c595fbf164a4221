import { contextBridge, ipcRenderer } from 'electron';
import { createVoiceBridge } from './voice-bridge';

// The voice host's preload (out/preload/voice.cjs): exposes window.voiceBridge and nothing else.
contextBridge.exposeInMainWorld('voiceBridge', createVoiceBridge(ipcRenderer));

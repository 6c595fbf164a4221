import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { voiceIpcChannels } from '../shared/voice/host-protocol';

/**
 * The voice host's window.voiceBridge: text out on one channel, text in on another.
 * Nothing else of IPC reaches the page (no invoke, no API table: the voice host is not
 * the console), and the page never sees an IPC event object.
 */
export interface VoiceBridgeApi {
  send(text: string): void;
  onMessage(listener: (text: string) => void): void;
  onOpen(listener: () => void): void;
}

export function createVoiceBridge(ipc: Pick<IpcRenderer, 'send' | 'on'>): VoiceBridgeApi {
  return {
    send(text) {
      ipc.send(voiceIpcChannels.message, String(text));
    },
    onMessage(listener) {
      ipc.on(voiceIpcChannels.command, (_event: IpcRendererEvent, text: unknown) => {
        if (typeof text === 'string') listener(text);
      });
    },
    // IPC is up from the first moment: the page says hello without waiting.
    onOpen: () => undefined,
  };
}

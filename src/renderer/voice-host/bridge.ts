import { voiceHostWirePath } from '../../shared/voice/host-protocol';

/**
 * How the voice host page talks to the core: text messages both ways. In Electron the
 * voice host's own preload exposes `window.voiceBridge` (nothing else); in browser mode
 * the page opens a WebSocket to the Node host, reconnecting with back-off.
 */
export interface VoiceBridge {
  send(text: string): void;
  onMessage(listener: (text: string) => void): void;
  /** Called on every (re)connection: the page says hello and the core sets it up. */
  onOpen(listener: () => void): void;
}

declare global {
  interface Window {
    voiceBridge?: VoiceBridge;
  }
}

export function webSocketVoiceBridge(url = `ws://${location.host}${voiceHostWirePath}`): VoiceBridge {
  const messageListeners: ((text: string) => void)[] = [];
  const openListeners: (() => void)[] = [];
  let socket: WebSocket;
  let retryMs = 250;
  const connect = () => {
    socket = new WebSocket(url);
    socket.addEventListener('open', () => {
      retryMs = 250;
      for (const listener of openListeners) listener();
    });
    socket.addEventListener('message', (event) => {
      for (const listener of messageListeners) listener(String(event.data));
    });
    socket.addEventListener('close', () => {
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    });
  };
  connect();
  return {
    send(text) {
      if (socket.readyState === WebSocket.OPEN) socket.send(text);
    },
    onMessage: (listener) => messageListeners.push(listener),
    onOpen: (listener) => openListeners.push(listener),
  };
}

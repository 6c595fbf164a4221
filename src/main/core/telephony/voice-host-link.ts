import { HostCommand, HostEvent } from '../../../shared/voice/host-protocol';

/**
 * The core's end of the voice host connection. A host (browser mode's WebSocket, the
 * Electron shell's hidden window over IPC) attaches a port; the link parses every
 * message the page sends with the shared schema and refuses the rest, and hands
 * commands to the page as JSON text. One page at a time: a new one replaces the old,
 * which is closed (two Devices registered as the same agent would both ring).
 */

export interface VoiceHostPort {
  send(text: string): void;
  close(reason: string): void;
}

export interface AttachedVoiceHost {
  /** A message from the page, as received (text). */
  receive(text: string): void;
  /** The page went away (closed, crashed, socket dropped). */
  detach(): void;
}

export type VoiceHostLinkEvent = { type: 'event'; event: HostEvent } | { type: 'gone' };

export interface VoiceHostLink {
  attach(port: VoiceHostPort): AttachedVoiceHost;
  connected(): boolean;
  /** False when no page is attached: the command was not delivered. */
  send(command: HostCommand): boolean;
  on(listener: (event: VoiceHostLinkEvent) => void): () => void;
  /** Messages refused by the schema since start (a test and a log read it). */
  refused(): number;
}

export function createVoiceHostLink(options: { log?: (message: string) => void } = {}): VoiceHostLink {
  const listeners = new Set<(event: VoiceHostLinkEvent) => void>();
  let current: VoiceHostPort | null = null;
  let refusedCount = 0;
  const emit = (event: VoiceHostLinkEvent) => {
    for (const listener of [...listeners]) listener(event);
  };

  return {
    attach(port) {
      const previous = current;
      current = port;
      if (previous) {
        previous.close('Another voice host took over.');
        emit({ type: 'gone' });
      }
      return {
        receive(text) {
          if (current !== port) return;
          let parsed: ReturnType<typeof HostEvent.safeParse>;
          try {
            parsed = HostEvent.safeParse(JSON.parse(text));
          } catch {
            parsed = HostEvent.safeParse(undefined);
          }
          if (!parsed.success) {
            refusedCount += 1;
            options.log?.(`[voice] refused a malformed voice host message: ${text.slice(0, 200)}`);
            return;
          }
          emit({ type: 'event', event: parsed.data });
        },
        detach() {
          if (current !== port) return;
          current = null;
          emit({ type: 'gone' });
        },
      };
    },
    connected: () => current !== null,
    send(command) {
      if (!current) return false;
      current.send(JSON.stringify(HostCommand.parse(command)));
      return true;
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refused: () => refusedCount,
  };
}

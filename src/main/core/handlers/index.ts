import type { DialNumber } from '../../../shared/api/app';
import type { Handlers } from '../api/dispatch';
import type { LineHandlers } from '../calls/line';
import type { SyncHandlers } from '../sync/handlers';
import type { VoiceHandlers } from '../telephony/voice-line';
import { appHandlers } from './app';
import { callHandlers } from './calls';
import type { HandlerContext } from './context';
import { demoHandlers } from './demo';
import { directoryHandlers } from './directory';
import { settingsHandlers } from './settings';
import { workHandlers } from './work';

/** Every feature's handlers in one map; `Handlers` makes a missing entry a compile error. */
export function createHandlers(
  ctx: HandlerContext,
  handleDialLink: (uri: string) => DialNumber | null,
  /** The live line's handlers (calls/line.ts), built once because they own the phone line. */
  line: LineHandlers,
  /** Session and sync (sync/handlers.ts), built with the engine they drive. */
  sync: SyncHandlers,
  /** The phone line's readiness (telephony/readiness-watch.ts). */
  voice: VoiceHandlers,
): Handlers {
  return {
    ...appHandlers(ctx, handleDialLink),
    ...callHandlers(ctx),
    ...directoryHandlers(ctx),
    ...settingsHandlers(ctx),
    ...demoHandlers(ctx),
    ...workHandlers(ctx),
    ...line,
    ...sync,
    ...voice,
  };
}

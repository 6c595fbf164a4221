import { join } from 'node:path';
import { createDispatch } from './api/dispatch';
import { createLine } from './calls/line';
import { openLocalDb } from './db/open';
import { getLocalUserId, getSettings } from './db/repositories/settings';
import { seedDemoIfFirstStart } from './demo/seed';
import { createEventBus } from './events';
import { createDialLinkHandler } from './handlers/app';
import type { HandlerContext } from './handlers/context';
import { createHandlers } from './handlers';
import type { Core, CoreOptions } from './types';

export const databaseFileName = 'switchboard.sqlite';

/**
 * The composition root: opens and migrates the local store, seeds the demo on a first
 * start, wires the handlers to the dispatcher. It holds no logic of its own.
 */
export function createCore(options: CoreOptions): Core {
  const now = options.now ?? (() => new Date());
  const local = openLocalDb({
    file: join(options.dataDir, databaseFileName),
    migrationsDir: options.migrationsDir,
    appVersion: options.version,
  });
  try {
    const userId = getLocalUserId(local.db);
    if (options.seedDemo !== false) {
      seedDemoIfFirstStart(local.db, { now: now(), userId, agentName: getSettings(local.db).agentName });
    }
    const ctx: HandlerContext = {
      local,
      events: createEventBus(),
      now,
      options: { dataDir: options.dataDir, host: options.host, version: options.version },
      userId,
    };
    const handleDialLink = createDialLinkHandler(ctx);
    // The phone line: the simulated one unless the host passes an engine.
    const line = createLine(ctx, options.line);
    const dispatch = createDispatch(createHandlers(ctx, handleDialLink, line.handlers), {
      onInternalError: (name, error) => console.error(`[core] ${name} failed:`, error),
    });
    const close = () => {
      line.close();
      local.close();
    };
    return { dispatch, events: ctx.events, handleDialLink, close };
  } catch (error) {
    local.close();
    throw error;
  }
}

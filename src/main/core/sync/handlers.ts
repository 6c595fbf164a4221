import type { Handlers } from '../api/dispatch';
import type { LocalDb } from '../db/open';
import type { EventBus } from '../events';
import type { SyncEngine } from './engine';
import { login, logout, type LoginDeps } from './login';
import { targetOf } from './targets';
import type { SessionManager } from './session';

export type SyncHandlers = Pick<
  Handlers,
  'session.get' | 'session.login' | 'session.logout' | 'sync.status' | 'sync.now' | 'sync.rejections'
>;

export interface SyncHandlerDeps extends LoginDeps {
  local: LocalDb;
  session: SessionManager;
  engine: SyncEngine;
  events: EventBus;
}

export function syncHandlers(deps: SyncHandlerDeps): SyncHandlers {
  const announce = () => {
    const info = deps.session.info();
    deps.events.emit('session.changed', info);
    deps.engine.sessionChanged();
    return info;
  };
  return {
    'session.get': () => deps.session.info(),
    'session.login': async (input) => {
      await login(deps, input);
      return announce();
    },
    'session.logout': async () => {
      await logout(deps);
      return announce();
    },
    'sync.status': () => deps.engine.status(),
    'sync.now': () => deps.engine.syncNow(),
    'sync.rejections': ({ limit, offset }) => {
      const rows = deps.local.sqlite
        .prepare(
          `select mutation_id as mutationId, name, args, code, message, rejected_at as rejectedAt
           from sync_rejections order by mutation_id desc limit ? offset ?`,
        )
        .all(limit, offset) as {
        mutationId: number;
        name: string;
        args: string | null;
        code: string;
        message: string;
        rejectedAt: string;
      }[];
      const total = (deps.local.sqlite.prepare(`select count(*) as n from sync_rejections`).get() as { n: number }).n;
      return {
        items: rows.map(({ args, ...row }) => ({ ...row, target: args ? targetOf(row.name, JSON.parse(args)) : null })),
        total,
      };
    },
  };
}

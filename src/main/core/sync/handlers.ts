import type { Handlers } from '../api/dispatch';
import type { LocalDb } from '../db/open';
import type { EventBus } from '../events';
import { notFound } from '../errors';
import { changedEntityOf } from './changed-entities';
import type { SyncEngine } from './engine';
import { login, logout, type LoginDeps } from './login';
import { discardRejection, listRejections, retryRejection, type Settled } from './rejections';
import type { SessionManager } from './session';

export type SyncHandlers = Pick<
  Handlers,
  | 'session.get'
  | 'session.login'
  | 'session.logout'
  | 'sync.status'
  | 'sync.now'
  | 'sync.rejections'
  | 'sync.discardRejected'
  | 'sync.retryRejected'
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
  /** After a discard or retry: views refresh, every window's sync pill follows, a retry is pushed soon. */
  const settled = (mutationId: number, outcome: Settled | undefined) => {
    if (outcome === undefined) throw notFound('Refused change', String(mutationId));
    if (outcome) deps.events.emit('data.changed', { entity: changedEntityOf[outcome.entity], ids: [outcome.id] });
    deps.engine.localWrite();
    return deps.engine.status();
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
    'sync.rejections': (page) => listRejections(deps.local, page),
    'sync.discardRejected': ({ mutationId }) =>
      settled(mutationId, discardRejection(deps.local, mutationId, deps.userId())),
    'sync.retryRejected': ({ mutationId }) =>
      settled(
        mutationId,
        retryRejection(
          { local: deps.local, events: deps.events, userId: deps.userId(), wakeSync: () => deps.engine.localWrite() },
          mutationId,
        ),
      ),
  };
}

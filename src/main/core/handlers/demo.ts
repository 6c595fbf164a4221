import type { Handlers } from '../api/dispatch';
import type { Db } from '../db/client';
import { demoCounts, removeDemo } from '../db/repositories/demo';
import type { HandlerContext } from './context';

type DemoHandlers = Pick<Handlers, 'demo.status' | 'demo.remove'>;

function status(db: Db) {
  const counts = demoCounts(db);
  return { present: Object.values(counts).some((n) => n > 0), counts };
}

export function demoHandlers(ctx: HandlerContext): DemoHandlers {
  const { db } = ctx.local;
  return {
    'demo.status': () => status(db),
    // Demo rows never entered the outbox, so removing them needs no outbox row either.
    'demo.remove': () => {
      removeDemo(db);
      ctx.events.emit('data.changed', { entity: 'demo', ids: [] });
      return status(db);
    },
  };
}

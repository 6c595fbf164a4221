import type { Handlers } from '../api/dispatch';
import type { Db } from '../db/client';
import { demoCounts, removeDemo } from '../db/repositories/demo';
import { writeUnsynced } from '../sync/mutate';
import type { HandlerContext } from '../handler-context';

type DemoHandlers = Pick<Handlers, 'demo.status' | 'demo.remove'>;

function status(db: Db) {
  const counts = demoCounts(db);
  return { present: Object.values(counts).some((n) => n > 0), counts };
}

export function demoHandlers(ctx: HandlerContext): DemoHandlers {
  const { db } = ctx.local;
  return {
    'demo.status': () => status(db),
    // Demo rows never entered the outbox, so removing them needs no outbox row either
    // (and one transaction: the demo goes whole or stays whole).
    'demo.remove': () => {
      writeUnsynced(ctx.local, 'demo data', removeDemo);
      ctx.events.emit('data.changed', { entity: 'demo', ids: [] });
      return status(db);
    },
  };
}

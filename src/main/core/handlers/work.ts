import type { Handlers } from '../api/dispatch';
import { getTask, listTasks, setTaskStatus } from '../db/repositories/tasks';
import { appendMutation } from '../sync/append-mutation';
import { nowIso, orNotFound, type HandlerContext } from './context';

type WorkHandlers = Pick<Handlers, 'tasks.list' | 'tasks.setStatus'>;

export function workHandlers(ctx: HandlerContext): WorkHandlers {
  const { db } = ctx.local;
  return {
    'tasks.list': (input) => listTasks(db, input),
    'tasks.setStatus': ({ id, status }) => {
      const at = nowIso(ctx);
      const task = db.transaction((tx) => {
        orNotFound(getTask(tx, id), 'Task', id);
        const updated = orNotFound(setTaskStatus(tx, id, status, at), 'Task', id);
        // Same transaction as the row: a completed task must reach the server too.
        appendMutation(tx, 'task.setStatus', { id, to: status, at });
        return updated;
      });
      ctx.events.emit('data.changed', { entity: 'task', ids: [id] });
      return task;
    },
  };
}

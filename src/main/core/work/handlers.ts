import type { Handlers } from '../api/dispatch';
import { getTask, listTasks } from '../db/repositories/tasks';
import { nowIso, orNotFound, type HandlerContext } from '../handler-context';
import { commit } from '../sync/mutate';

type WorkHandlers = Pick<Handlers, 'tasks.list' | 'tasks.setStatus'>;

export function workHandlers(ctx: HandlerContext): WorkHandlers {
  const { db } = ctx.local;
  return {
    'tasks.list': (input) => listTasks(db, input),
    'tasks.setStatus': ({ id, status }) => {
      const task = orNotFound(getTask(db, id), 'Task', id);
      // Asking for the status it already has changes nothing and queues nothing.
      if (task.status === status) return task;
      commit(ctx, [{ name: 'task.setStatus', args: { id, to: status, at: nowIso(ctx) } }]);
      return orNotFound(getTask(db, id), 'Task', id);
    },
  };
}

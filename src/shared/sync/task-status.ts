import { err, ok, type Result } from '../result';
import type { Task } from '../domain/work';

/**
 * Task status rules, used by the desktop before it queues a change and by the server
 * when it applies one, so both refuse the same things.
 *
 *   Open ──► Done | Cancelled      (finished or dropped)
 *   Done ──► Open                  (reopened)
 *   Cancelled ─► Open              (reinstated)
 *
 * Done and Cancelled do not turn into each other directly: reopen first, so the history
 * says what happened.
 */
export type TaskStatus = Task['status'];

const taskTransitions: Record<TaskStatus, readonly TaskStatus[]> = {
  Open: ['Done', 'Cancelled'],
  Done: ['Open'],
  Cancelled: ['Open'],
};

export function taskTransition(from: TaskStatus, to: TaskStatus): Result<TaskStatus> {
  if (!taskTransitions[from].includes(to)) {
    return err({
      code: 'illegal_transition',
      message: `A task that is ${from} cannot become ${to}. It can become: ${taskTransitions[from].join(', ')}.`,
    });
  }
  return ok(to);
}

import { z } from 'zod';
import { Task, TaskStatus } from '../domain/work';
import type { ApiTable } from './table';

export const workApi = {
  'tasks.list': {
    input: z
      .object({
        status: z.array(TaskStatus).default(['Open']),
        limit: z.number().int().min(1).max(500).default(200),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    output: z.object({ items: z.array(Task), total: z.number().int() }),
    summary: 'The agent’s tasks, soonest due first (undated last).',
  },
  'tasks.setStatus': {
    input: z.object({ id: z.string().min(1), status: TaskStatus }).strict(),
    output: Task,
    summary: 'Completes, cancels or reopens a task.',
  },
} as const satisfies ApiTable;

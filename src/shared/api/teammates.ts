import { z } from 'zod';
import { Id } from '../domain/primitives';
import type { ApiTable } from './table';

/** A colleague in the company, as the CRM server's user list has them. */
export const Teammate = z.object({
  id: Id,
  name: z.string(),
  email: z.string(),
  role: z.enum(['agent', 'supervisor', 'admin']),
});
export type Teammate = z.infer<typeof Teammate>;

export const teammatesApi = {
  'teammates.list': {
    input: z.object({}).strict(),
    output: z.object({ items: z.array(Teammate) }),
    summary: 'The company’s users (synced from the CRM server), by name, for picking who takes part in a call.',
  },
} as const satisfies ApiTable;

import { z } from 'zod';
import type { ApiTable } from './table';

export const filesApi = {
  'files.saveAs': {
    input: z
      .object({
        /** The name the save dialog proposes; a plain file name, no folders. */
        suggestedName: z
          .string()
          .min(1)
          .max(120)
          .regex(/^[^/\\:*?"<>|]+$/, 'A file name cannot contain / \\ : * ? " < > |.'),
        /** The file's text (an export: at most 200 MB). */
        content: z.string().max(200 * 1024 * 1024),
      })
      .strict(),
    output: z.object({ saved: z.boolean() }),
    summary: 'Saves a text file where the agent chooses, through the desktop app’s save dialog (not in browser mode).',
  },
} as const satisfies ApiTable;

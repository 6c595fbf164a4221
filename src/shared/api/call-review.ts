import { z } from 'zod';
import { CallRecord } from '../domain/call';
import { CallReviewArgs } from '../sync/mutations';
import type { ApiTable } from './table';

export const callReviewApi = {
  'calls.review': {
    input: CallReviewArgs.omit({ at: true }),
    output: CallRecord,
    summary: 'A supervisor flags a call for review with a score (1–5) and a comment, or takes the review back.',
  },
  'calls.canReview': {
    input: z.object({}).strict(),
    output: z.object({ canReview: z.boolean() }),
    summary: 'Whether the signed-in user may review calls (supervisors and admins).',
  },
} as const satisfies ApiTable;

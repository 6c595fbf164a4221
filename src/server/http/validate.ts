import type { z } from 'zod';
import { HttpError, zodIssues } from './errors';

/**
 * Parses a body, query or params object with a zod schema, or answers 400 with the
 * issues. Every route input goes through here before anything else runs.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'request'): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) {
    throw new HttpError(400, 'invalid_request', `The ${what} is not valid.`, zodIssues(result.error));
  }
  return result.data;
}

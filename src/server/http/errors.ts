import type { z } from 'zod';
import type { AppError } from '../../shared/result';

/**
 * A refusal with an HTTP status, a stable code and a sentence a person can read. Route
 * handlers throw it; the error handler (app.ts) turns it into `{ code, message, issues? }`.
 */
export class HttpError extends Error implements AppError {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly issues?: AppError['issues'],
    /** Sent with the answer, e.g. Retry-After on a 429. */
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(message);
    this.name = 'HttpError';
  }

  toBody(): AppError {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }
}

export function zodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} was not found.`);
export const forbidden = (message = 'You are not allowed to do that.') => new HttpError(403, 'forbidden', message);

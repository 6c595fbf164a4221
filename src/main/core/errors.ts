import type { AppError } from '../../shared/result';

/**
 * A refusal the agent should read as it is: a stable code and a plain sentence.
 * Handlers throw it; the dispatcher turns it into a Reply. Anything else thrown is a
 * bug and is reported as `internal` without leaking its details to the UI.
 */
export class CoreError extends Error implements AppError {
  constructor(
    readonly code: string,
    message: string,
    readonly issues?: AppError['issues'],
  ) {
    super(message);
    this.name = 'CoreError';
  }
}

export function notFound(what: string, id: string): CoreError {
  return new CoreError('not_found', `${what} ${id} was not found. It may have been deleted.`);
}

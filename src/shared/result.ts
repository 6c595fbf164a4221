/**
 * Errors are values the UI can show: a stable code for programs and a sentence for
 * the agent. Shared rules return a Result instead of throwing, so a caller cannot
 * forget that a change may be refused.
 */
export interface AppError {
  readonly code: string;
  readonly message: string;
  /** Field-level detail, e.g. from a failed schema parse: path and sentence. */
  readonly issues?: readonly { path: string; message: string }[];
}

export type Result<T, E = AppError> = { ok: true; value: T } | { ok: false; error: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}

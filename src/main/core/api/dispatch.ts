import { z } from 'zod';
import { api, isApiName, type ApiName, type ApiOutput, type ApiParsedInput } from '../../../shared/api';
import type { Reply } from '../../../shared/api/table';
import { CoreError } from '../errors';

/** One handler per API entry; the type makes a missing or extra handler a compile error. */
export type Handlers = {
  [K in ApiName]: (input: ApiParsedInput<K>) => ApiOutput<K> | Promise<ApiOutput<K>>;
};

export type Dispatch = (name: unknown, input: unknown) => Promise<Reply<unknown>>;

export interface DispatchOptions {
  /** Where unexpected errors go (the message shown to the agent stays generic). */
  onInternalError?: (name: string, error: unknown) => void;
}

function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/**
 * The only door into the core. The input is parsed with the entry's schema before the
 * handler runs, so a handler never sees data its schema did not accept; the output is
 * parsed too, so the UI can trust it and a handler that drifts from the contract fails
 * loudly in tests instead of quietly in the UI.
 */
export function createDispatch(handlers: Handlers, options: DispatchOptions = {}): Dispatch {
  return async (name, input) => {
    if (!isApiName(name)) {
      return { ok: false, error: { code: 'unknown_request', message: `There is no request named ${String(name)}.` } };
    }
    const entry = api[name];
    const parsed = entry.input.safeParse(input ?? {});
    if (!parsed.success) {
      const issues = issuesOf(parsed.error);
      const first = issues[0];
      const where = first && first.path ? `${first.path}: ` : '';
      return {
        ok: false,
        error: {
          code: 'invalid_input',
          message: `That ${name} request is not valid. ${where}${first?.message ?? ''}`.trim(),
          issues,
        },
      };
    }
    try {
      const handler = handlers[name] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value: entry.output.parse(value) };
    } catch (error) {
      if (error instanceof CoreError) {
        return {
          ok: false,
          error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) },
        };
      }
      options.onInternalError?.(name, error);
      return {
        ok: false,
        error: {
          code: 'internal',
          message: 'Something went wrong on this desktop. The action was not completed; try again.',
        },
      };
    }
  };
}

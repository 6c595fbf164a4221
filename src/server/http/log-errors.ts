/**
 * How errors are written to the log: never with the parameters of a failed query. A
 * drizzle query error's message is "Failed query: <sql>\nparams: <values>", and the
 * values are what the user sent (note text, email addresses, names); they must not end
 * up in a log file. Logged instead: the query text, the SQLSTATE code and, for errors
 * that come from the query's text rather than its values (class 42: a missing column, a
 * syntax error), Postgres's message. Other Postgres messages can quote a value ("invalid
 * input syntax for type integer: \"…\"") and are left out. The cause chain is followed.
 *
 * Installed as the logger's `err` serializer (app.ts), so every `log.x({ err })` uses it.
 */
const MAX_CAUSES = 5;

export interface LoggedError {
  type: string;
  message: string;
  code?: string;
  stack: string;
  cause?: LoggedError;
  [key: string]: unknown;
}

export function loggableError(error: unknown, depth = 0): LoggedError {
  if (!(error instanceof Error)) return { type: typeof error, message: '(a thrown non-error; not logged)', stack: '' };
  const code = sqlState(error);
  const message = code && !code.startsWith('42') ? `(database error ${code})` : withoutParams(error.message);
  const frames = error.stack
    ?.split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n');
  const cause = depth < MAX_CAUSES && error.cause !== undefined ? loggableError(error.cause, depth + 1) : undefined;
  return {
    type: error.name,
    message,
    ...(code ? { code } : {}),
    stack: `${error.name}: ${message}${frames ? `\n${frames}` : ''}`,
    ...(cause ? { cause } : {}),
  };
}

function sqlState(error: Error): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

function withoutParams(message: string): string {
  const at = message.indexOf('\nparams:');
  return at < 0 ? message : `${message.slice(0, at)}\nparams: (not logged)`;
}

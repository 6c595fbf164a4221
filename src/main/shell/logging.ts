import { redactValue } from '../../shared/redact';

/**
 * The main process's log: electron-log's rotating file (main.log, moved to main.old.log
 * past `maxSize`) plus the console, with every line redacted before any transport sees
 * it. The core and the shell log through `console`, which is pointed here, so nothing
 * needs to know about the file. The last errors are kept in memory for Copy diagnostics.
 */

type LogLine = { data: unknown[]; level: 'error' | 'warn' | 'info' | 'verbose' | 'debug' | 'silly'; date: Date };

/** The part of electron-log's main logger used here (a fake in tests). */
export interface RotatingLog {
  transports: { file: { maxSize: number; getFile(): { path: string } } };
  hooks: ((message: LogLine) => LogLine | false)[];
  functions: Record<'error' | 'warn' | 'info' | 'verbose' | 'debug' | 'log', (...params: unknown[]) => void>;
  errorHandler: { startCatching(options?: { showDialog?: boolean }): void };
}

export interface ShellLog {
  info(...params: unknown[]): void;
  error(...params: unknown[]): void;
  /** The last error lines, redacted, newest last. */
  recentErrors(): { at: string; text: string }[];
  /** Where the log file is, for Copy diagnostics (support asks for it). */
  filePath(): string | null;
}

export const logMaxBytes = 5 * 1024 * 1024;
const keptErrors = 20;

const lineOf = (data: unknown[]) =>
  data
    .map((item) =>
      item instanceof Error ? `${item.name}: ${item.message}` : typeof item === 'string' ? item : JSON.stringify(item),
    )
    .join(' ');

export function configureLogging(
  log: RotatingLog,
  target: Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'debug'> = console,
): ShellLog {
  const errors: { at: string; text: string }[] = [];
  log.transports.file.maxSize = logMaxBytes;
  // First hook: every transport (file, console) gets the redacted line only.
  log.hooks.unshift((message) => {
    message.data = message.data.map((item) => redactValue(item));
    if (message.level === 'error') {
      errors.push({ at: message.date.toISOString(), text: lineOf(message.data) });
      if (errors.length > keptErrors) errors.shift();
    }
    return message;
  });
  // Uncaught exceptions and rejections are logged (redacted) instead of a raw dialog.
  log.errorHandler.startCatching({ showDialog: false });
  Object.assign(target, {
    log: log.functions.info,
    info: log.functions.info,
    warn: log.functions.warn,
    error: log.functions.error,
    debug: log.functions.debug,
  });
  return {
    info: log.functions.info,
    error: log.functions.error,
    recentErrors: () => [...errors],
    filePath: () => {
      try {
        return log.transports.file.getFile().path;
      } catch {
        return null;
      }
    },
  };
}

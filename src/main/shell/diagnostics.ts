import { redactText } from '../../shared/redact';
import type { Core } from '../core/types';
import type { ShellLog } from './logging';
import type { Notifier } from './notifications';

/**
 * Help → Copy diagnostics in the desktop app: the core's report (app.diagnostics) with
 * what only the shell knows added (where the log file and the crash reports are, the
 * errors the log caught), redacted once more as a whole, put on the clipboard.
 */
export async function copyDiagnostics(deps: {
  core: Pick<Core, 'dispatch'>;
  clipboard: { writeText(text: string): void };
  notifier: Pick<Notifier, 'notify'>;
  log: Pick<ShellLog, 'recentErrors' | 'filePath'> | null;
  crashDumps: string;
}): Promise<string | null> {
  const reply = await deps.core.dispatch('app.diagnostics', {});
  if (!reply.ok) {
    deps.notifier.notify({ title: 'Diagnostics not copied', body: reply.error.message });
    return null;
  }
  const errors = deps.log?.recentErrors() ?? [];
  const text = redactText(
    [
      (reply.value as { text: string }).text,
      '',
      '## Desktop app',
      `Log file: ${deps.log?.filePath() ?? '(console only)'}`,
      `Crash reports (kept on this computer): ${deps.crashDumps}`,
      'Logged errors:',
      ...(errors.length ? errors.map((error) => `${error.at} ${error.text}`) : ['(none since start)']),
    ].join('\n'),
  );
  deps.clipboard.writeText(text);
  deps.notifier.notify({ title: 'Diagnostics copied', body: 'Paste them into your message to support.' });
  return text;
}

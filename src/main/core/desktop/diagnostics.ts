import os from 'node:os';
import type { Diagnostics } from '../../../shared/api/desktop';
import type { LineSnapshot } from '../../../shared/api/line';
import type { SyncStatus } from '../../../shared/api/sync';
import type { Readiness } from '../../../shared/api/voice';
import type { Reply } from '../../../shared/api/table';
import { redactText } from '../../../shared/redact';
import type { EventBus } from '../events';
import type { HostInfo } from '../handler-context';

/**
 * Help → Copy diagnostics: what support needs to understand "calls don't ring", in one
 * text. The core follows its own events from start to keep a short history of the line's
 * registration and of the errors the agent may not have seen; the rest is read when asked.
 * The text is redacted as a whole before it leaves, whatever a section forgot.
 */

const kept = 20;

type Ask = (name: string, input: unknown) => Promise<Reply<unknown>>;

export function createDiagnostics(deps: { events: EventBus; host: HostInfo; now: () => Date; ask: Ask }) {
  const registrations: string[] = [];
  const errors: string[] = [];
  let lastRegistration: string | null = null;
  let lastError: string | null = null;
  const push = (list: string[], line: string) => {
    list.push(line);
    if (list.length > kept) list.shift();
  };
  const at = () => deps.now().toISOString();
  const unsubscribe = deps.events.subscribe((name, payload) => {
    if (name === 'line.changed') {
      const line = payload as LineSnapshot;
      if (line.registration !== lastRegistration) {
        lastRegistration = line.registration;
        push(registrations, `${at()} ${line.line} line: ${line.registration}`);
      }
      const error = line.lineError ?? line.call?.lastError ?? null;
      const text = error ? `${error.code} ${error.text} (${error.message})` : null;
      if (text && text !== lastError) push(errors, `${at()} line: ${text}`);
      lastError = text;
    } else if (name === 'sync.changed') {
      const error = (payload as SyncStatus).lastError;
      if (error) {
        const text = `${at()} sync: ${JSON.stringify(error)}`;
        if (errors.at(-1)?.slice(25) !== text.slice(25)) push(errors, text);
      }
    }
  });

  const read = async <T>(name: string): Promise<T | string> => {
    const reply = await deps.ask(name, {});
    return reply.ok ? (reply.value as T) : `unavailable (${reply.error.message})`;
  };

  const report = async (): Promise<Diagnostics> => {
    const [readiness, sync, line] = await Promise.all([
      read<Readiness>('voice.readiness'),
      read<SyncStatus>('sync.status'),
      read<LineSnapshot>('line.state'),
    ]);
    const versions = process.versions as Record<string, string | undefined>;
    const lines = [
      `Switchboard ${deps.host.version} (${deps.host.host})`,
      `Electron ${versions['electron'] ?? '-'} · Chrome ${versions['chrome'] ?? '-'} · Node ${versions.node}`,
      `OS ${os.platform()} ${os.release()} ${os.arch()}`,
      `Generated ${at()}`,
      '',
      '## Line readiness',
      typeof readiness === 'string'
        ? readiness
        : [
            `${readiness.level} on the ${readiness.line} line: ${readiness.summary}`,
            ...readiness.reasons.map((r) => `- ${r.key} (${r.level}): ${r.text}`),
            `Registration ${readiness.registration}; token expires ${readiness.tokenExpiresAt ?? '-'}; last re-registration ${readiness.lastReRegistrationAt ?? '-'}`,
          ].join('\n'),
      typeof line === 'string' ? `Line: ${line}` : `Availability ${line.availability}, phase ${line.phase}`,
      '',
      '## Registration history',
      ...(registrations.length ? registrations : ['(no change since start)']),
      '',
      '## Last errors',
      ...(errors.length ? errors : ['(none since start)']),
      '',
      '## Sync',
      typeof sync === 'string'
        ? sync
        : `${sync.state}; ${sync.pending} pending, ${sync.rejected} refused; last sync ${sync.lastSyncAt ?? 'never'}${sync.lastError ? `; last error ${JSON.stringify(sync.lastError)}` : ''}`,
    ];
    return { generatedAt: at(), text: redactText(lines.join('\n')) };
  };

  return { handlers: { 'app.diagnostics': report }, close: unsubscribe };
}

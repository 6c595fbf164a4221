import { err, ok, type Result } from '../../shared/result';
import { isMutationName, mutationArgs, type MutationName } from '../../shared/sync/mutations';
import type { MutationEnvelope, Rejection } from '../../shared/sync/protocol';
import { describeControlCharacter, findControlCharacter } from '../http/control-characters';
import { zodIssues } from '../http/errors';
import { clockAheadRejection, type ClockLimit } from './clock-guard';

/** Pieces of push.ts that are the same for a whole batch and for one mutation. */

export type ParsedMutation = Result<{ name: MutationName; args: unknown }, Rejection>;

/**
 * The protocol's own schema decides whether a mutation can ever apply: unknown names and
 * arguments that do not parse are rejections, and so is a clock stamp from the future (clock-guard.ts) (recorded, never retried), not errors.
 */
export function parseMutation(mutation: MutationEnvelope, clock: ClockLimit): ParsedMutation {
  const ahead = clockAheadRejection(mutation.hlc, clock);
  if (ahead) return err(ahead);
  if (!isMutationName(mutation.name)) {
    return err({ code: 'unknown_mutation', message: `The server does not know the change "${mutation.name}".` });
  }
  // The app-wide control-character check leaves mutation arguments to here (routes.ts):
  // a refused mutation, not a refused push, so the rest of the outbox still goes through.
  const control = findControlCharacter(mutation.args);
  if (control) {
    const message = describeControlCharacter(control, `change "${mutation.name}"`);
    return err({ code: 'invalid_args', message });
  }
  const parsed = mutationArgs[mutation.name].safeParse(mutation.args);
  if (!parsed.success) {
    const detail = zodIssues(parsed.error)
      .slice(0, 3)
      .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
      .join('; ');
    return err({ code: 'invalid_args', message: `The change "${mutation.name}" is not valid: ${detail}` });
  }
  return ok({ name: mutation.name, args: parsed.data });
}

/**
 * The calls and note ids a batch will look up, so the scope can read them in two queries.
 * A call created earlier in the same batch is left out: call.create tells the scope its
 * access (a create that was refused leaves the scope to read it when a note asks).
 */
export function referencedIds(parsed: readonly (ParsedMutation | null)[]): { callIds: string[]; noteIds: string[] } {
  const callIds: string[] = [];
  const noteIds: string[] = [];
  const created = new Set<string>();
  for (const mutation of parsed) {
    if (!mutation?.ok) continue;
    const { name, args } = mutation.value;
    if (name === 'call.create') created.add((args as { id: string }).id);
    if (name !== 'note.add' && name !== 'task.create' && name !== 'reminder.set') continue;
    const { id, callId } = args as { id: string; callId: string | null };
    if (callId !== null && !created.has(callId)) callIds.push(callId);
    if (name === 'note.add') noteIds.push(id);
  }
  return { callIds, noteIds };
}

/**
 * One change version per transaction (its transaction id, versions.ts, read with the
 * client row's lock that opens every push), and the newest clock stamp of the mutations that wrote, which the push
 * keeps on the client's row when it closes (company-clock.ts). A stamp is folded only
 * after its mutator succeeded, so a rejected mutation never moves the company's clock.
 */
export interface VersionStamp {
  take(): Promise<number>;
  fold(hlc: string): void;
  /** The newest stamp folded in, if anything wrote. */
  readonly maxHlc: string | undefined;
}

export function createVersionStamp(version: number): VersionStamp {
  let maxHlc: string | undefined;
  return {
    take: async () => version,
    fold(hlc) {
      if (maxHlc === undefined || hlc > maxHlc) maxHlc = hlc;
    },
    get maxHlc() {
      return maxHlc;
    },
  };
}

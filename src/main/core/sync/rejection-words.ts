import { callStatusLabel, type CallStatus } from '../../../shared/domain/call';
import type { LocalDb } from '../db/open';
import type { Target } from './targets';

/**
 * A refused change in words an agent understands: which record, what the change was, and
 * why the server said no. Mutation names, ids and error codes stay under the hood.
 */

const fieldWords: Record<string, string> = {
  subject: 'subject',
  direction: 'direction',
  plannedStart: 'planned time',
  plannedZone: 'time zone',
  actualStart: 'start time',
  actualEnd: 'end time',
  dispositionCode: 'disposition',
  outcomeText: 'outcome',
  related: 'related record',
  participants: 'participants',
  ownerId: 'owner',
  fromNumber: 'from number',
  toNumber: 'to number',
  notes: 'notes',
  dueAt: 'due time',
  priority: 'priority',
  firstName: 'first name',
  lastName: 'last name',
  doNotContact: 'do-not-contact',
  doNotContactReason: 'do-not-contact reason',
  timeZone: 'time zone',
  accountId: 'account',
  phones: 'phone numbers',
  customer: 'customer profile',
  firedAt: 'alert',
  dismissedAt: 'dismissal',
};

function fieldList(set: unknown): string {
  const names = Object.keys((set ?? {}) as object).map(
    (key) => fieldWords[key] ?? key.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`),
  );
  if (names.length <= 1) return names[0] ?? 'a field';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** What the change did, e.g. "Set the status to Held" or "Changed the subject and outcome". */
export function describeChange(name: string, args: unknown): string {
  const a = (args ?? {}) as { to?: string; set?: unknown };
  switch (name) {
    case 'call.create':
      return 'Logged a new call';
    case 'call.update':
    case 'task.update':
    case 'contact.update':
    case 'account.update':
      return `Changed the ${fieldList(a.set)}`;
    case 'call.setOwner':
      return 'Changed the owner';
    case 'call.setStatus':
      return `Set the status to ${callStatusLabel[a.to as CallStatus] ?? a.to}`;
    case 'note.add':
      return 'Added a note';
    case 'task.create':
      return 'Created a task';
    case 'task.setStatus':
      return `Marked the task ${a.to ?? ''}`.trim();
    case 'reminder.set':
      return 'Set a reminder';
    case 'reminder.update':
      return 'Updated a reminder';
    case 'reminder.delete':
      return 'Removed a reminder';
    case 'contact.create':
      return 'Created a contact';
    case 'appointment.reschedule':
      return 'Moved a visit';
    default:
      return 'A change';
  }
}

function callSubject(local: LocalDb, id: unknown): string | null {
  if (typeof id !== 'string') return null;
  const row = local.sqlite.prepare(`select subject from calls where id = ?`).get(id) as { subject: string } | undefined;
  return row?.subject ?? null;
}

/** The record the change was about, as the console names it, e.g. 'Call “Renewal check-in”'. */
export function describeRecord(local: LocalDb, target: Target | null, name: string, args: unknown): string {
  const a = (args ?? {}) as { subject?: string; callId?: string; firstName?: string; lastName?: string };
  const quote = (text: string) => `“${text}”`;
  switch (target?.entity) {
    case 'calls': {
      const subject = callSubject(local, target.id) ?? a.subject;
      return subject ? `Call ${quote(subject)}` : 'A call no longer on this desktop';
    }
    case 'contacts': {
      const row = local.sqlite
        .prepare(`select first_name as f, last_name as l from contacts where id = ?`)
        .get(target.id) as { f: string; l: string } | undefined;
      const full = row ? `${row.f} ${row.l}` : `${a.firstName ?? ''} ${a.lastName ?? ''}`;
      return full.trim() ? `Contact ${full.trim()}` : 'A contact no longer on this desktop';
    }
    case 'accounts': {
      const row = local.sqlite.prepare(`select name from accounts where id = ?`).get(target.id) as
        { name: string } | undefined;
      return row ? `Account ${row.name}` : 'An account no longer on this desktop';
    }
    case 'tasks': {
      const row = local.sqlite.prepare(`select subject from tasks where id = ?`).get(target.id) as
        { subject: string } | undefined;
      const subject = row?.subject ?? a.subject;
      return subject ? `Task ${quote(subject)}` : 'A task no longer on this desktop';
    }
    case 'notes': {
      const subject = callSubject(local, a.callId);
      return subject ? `Note on call ${quote(subject)}` : 'A note';
    }
    case 'reminders': {
      const row = local.sqlite.prepare(`select call_id as callId from reminders where id = ?`).get(target.id) as
        { callId: string } | undefined;
      const subject = callSubject(local, row?.callId ?? a.callId);
      return subject ? `Reminder for call ${quote(subject)}` : 'A reminder';
    }
    default:
      return name.startsWith('call.') ? 'A call' : 'A record';
  }
}

/**
 * The server's reason. Its sentences are already words, except "not found", which names
 * a raw id: say what it means for the agent instead.
 */
export function describeReason(code: string, message: string): string {
  if (code === 'not_found') {
    return 'The CRM server does not have this record: it was never sent there (demo data stays on this desktop) or it was deleted there.';
  }
  if (code === 'already_exists') return 'The CRM server already has a record with the same id.';
  return message;
}

import type { SyncEntity } from '../../../shared/sync/protocol';

/** The record a mutation changes: rebase rebuilds exactly these from the server's version. */
export interface Target {
  entity: SyncEntity;
  id: string;
}

const entityOf: Record<string, SyncEntity> = {
  call: 'calls',
  note: 'notes',
  task: 'tasks',
  reminder: 'reminders',
  contact: 'contacts',
  account: 'accounts',
  sms: 'messages',
  appointment: 'appointments',
};

/** Mutations that bring a record into existence: if the server has none, neither should we. */
export const creatingMutations: ReadonlySet<string> = new Set([
  'call.create',
  'note.add',
  'task.create',
  'reminder.set',
  'contact.create',
  'sms.send',
  'appointment.book',
]);

export function targetOf(name: string, args: unknown): Target | null {
  const id = (args as { id?: unknown } | null)?.id;
  // A tag change names what it tags: a call or a contact.
  if (name.startsWith('tag.')) {
    const tagged = (args as { entity?: unknown } | null)?.entity;
    return (tagged === 'calls' || tagged === 'contacts') && typeof id === 'string' ? { entity: tagged, id } : null;
  }
  const entity = entityOf[name.split('.')[0] ?? ''];
  return entity && typeof id === 'string' ? { entity, id } : null;
}

export const targetKey = (target: Target): string => `${target.entity}/${target.id}`;

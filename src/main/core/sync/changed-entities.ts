import type { ChangedEntity } from '../../../shared/api/events';
import type { SyncEntity } from '../../../shared/sync/protocol';

/** Which `data.changed` a synced record announces (a reminder shows on its call). */
export const changedEntityOf: Record<SyncEntity, ChangedEntity> = {
  calls: 'call',
  notes: 'note',
  tasks: 'task',
  reminders: 'call',
  accounts: 'account',
  contacts: 'contact',
  leads: 'lead',
  opportunities: 'opportunity',
  cases: 'case',
  appointments: 'appointment',
};

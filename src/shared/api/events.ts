import { z } from 'zod';
import { DialNumber } from './app';
import { desktopEvents } from './desktop';
import { lineEvents } from './line';
import { missedCallEvents } from './missed-calls';
import { reminderEvents } from './reminders';
import { syncEvents } from './sync';
import { voiceEvents } from './voice';
import type { EventTable } from './table';

/** The kinds of record a `data.changed` names: the one list the core, sync and UI share. */
export const ChangedEntity = z.enum([
  'call',
  'contact',
  'account',
  'lead',
  'opportunity',
  'case',
  'task',
  'note',
  'appointment',
  'settings',
  'demo',
  /** The company's users, read from the CRM server (directory/teammates.ts). */
  'teammate',
]);
export type ChangedEntity = z.infer<typeof ChangedEntity>;

export const events = {
  /** Rows changed in the local store; views showing them re-fetch. */
  'data.changed': z.object({
    entity: ChangedEntity,
    ids: z.array(z.string()),
  }),
  /** A tel:/callto: link arrived (OS handler or links.open): open the console on it. */
  'dial.requested': z.object({ uri: z.string(), number: DialNumber.nullable() }),
  /** The live line: line.changed, line.incoming, wrapup.required (see line.ts). */
  ...lineEvents,
  /** call.missed (see missed-calls.ts). */
  ...missedCallEvents,
  /** reminder.due (see reminders.ts). */
  ...reminderEvents,
  /** sync.changed, session.changed (see sync.ts). */
  ...syncEvents,
  /** voice.changed: the phone dock's ready / degraded / not ready (see voice.ts). */
  ...voiceEvents,
  /** app.navigate: the shell opens a screen of the console (see desktop.ts). */
  ...desktopEvents,
} as const satisfies EventTable;

export type Events = typeof events;
export type EventName = keyof Events;

import { z } from 'zod';
import { Id } from '../domain/primitives';
import type { ApiTable } from './table';

export const AppInfo = z.object({
  version: z.string(),
  /** Where the local database and session live. */
  dataDir: z.string(),
  /** `electron` for the desktop app, `browser` for the development/test host. */
  host: z.enum(['electron', 'browser']),
  /** Which phone line is active. */
  line: z.enum(['simulated', 'twilio']),
  schemaVersion: z.number().int(),
  userId: Id,
});

export const DialNumber = z.object({ e164: z.string(), extension: z.string().optional() });
export type DialNumber = z.infer<typeof DialNumber>;

export const appApi = {
  'app.info': {
    input: z.object({}).strict(),
    output: AppInfo,
    summary: 'Version, data folder, host and active line.',
  },
  'links.open': {
    input: z.object({ uri: z.string().min(1).max(2048) }).strict(),
    output: z.object({ number: DialNumber.nullable() }),
    summary: 'Handles a tel:/callto:/sip: link the way the OS handler does (also used by tests).',
  },
} as const satisfies ApiTable;

import { z } from 'zod';
import { Id } from '../domain/primitives';
import { ServerUrl } from '../sync/server-url';
import type { ApiTable } from './table';

/**
 * Signing in to the CRM server and the state of sync. The session secret (the refresh
 * token) never crosses this boundary: the core keeps it through the host's secret store
 * (Electron's safeStorage, a 0600 file in browser mode).
 */

export const Role = z.enum(['agent', 'supervisor', 'admin']);

export const SessionUser = z.object({
  id: Id,
  email: z.string(),
  displayName: z.string(),
  role: Role,
});
export type SessionUser = z.infer<typeof SessionUser>;

export const SessionInfo = z.object({
  signedIn: z.boolean(),
  /** The server of the current session, else the last one used, else the host's default. */
  serverUrl: z.string().nullable(),
  /** The company's slug as typed at sign-in. */
  company: z.string().nullable(),
  user: SessionUser.nullable(),
  role: Role.nullable(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const LoginInput = z
  .object({
    serverUrl: ServerUrl,
    company: z.string().trim().min(1, 'Type your company').max(64),
    email: z.string().trim().min(1, 'Type your email').max(320),
    password: z.string().min(1, 'Type your password').max(200),
    /**
     * Another user's changes are still waiting on this desktop: they can only be sent by
     * that user. true drops them (the UI asks first); otherwise the login is refused.
     */
    discardPending: z.boolean().default(false),
  })
  .strict();

export const SyncError = z.object({ code: z.string(), message: z.string() });
export type SyncError = z.infer<typeof SyncError>;

export const SyncState = z.enum(['signed-out', 'online', 'offline', 'syncing', 'error']);
export type SyncState = z.infer<typeof SyncState>;

export const DirectoryProgress = z.object({
  /** idle: never downloaded; downloading: first download under way (resumable); done. */
  phase: z.enum(['idle', 'downloading', 'done']),
  /** Directory records written so far by the first download. */
  downloaded: z.number().int().nonnegative(),
  /** Absent: the server does not say how many there are. */
  total: z.number().int().nonnegative().optional(),
});

export const SyncStatus = z.object({
  state: SyncState,
  /** Changes made on this desktop the server has not confirmed yet. */
  pending: z.number().int().nonnegative(),
  lastSyncAt: z.string().nullable(),
  lastError: SyncError.nullable(),
  /** Changes the server refused for good (see sync.rejections). */
  rejected: z.number().int().nonnegative(),
  directory: DirectoryProgress,
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const RejectedChange = z.object({
  mutationId: z.number().int(),
  name: z.string(),
  code: z.string(),
  message: z.string(),
  rejectedAt: z.string(),
  /** What the change was about (a call, a task…), for a link in the UI. */
  target: z.object({ entity: z.string(), id: z.string() }).nullable(),
  /** The record in words, as the console names it: 'Call “Renewal check-in”'. */
  record: z.string(),
  /** The change in words: 'Set the status to Held', 'Changed the subject and outcome'. */
  change: z.string(),
  /** Why the server refused it, in words (never a raw id or code). */
  reason: z.string(),
});
export type RejectedChange = z.infer<typeof RejectedChange>;

export const syncApi = {
  'session.get': {
    input: z.object({}).strict(),
    output: SessionInfo,
    summary: 'Whether this desktop is signed in to the CRM server, as whom, and where.',
  },
  'session.login': {
    input: LoginInput,
    output: SessionInfo,
    summary: 'Signs in to the CRM server; sync starts on success.',
  },
  'session.logout': {
    input: z.object({}).strict(),
    output: SessionInfo,
    summary: 'Signs out; local data and waiting changes stay on this desktop.',
  },
  'sync.status': {
    input: z.object({}).strict(),
    output: SyncStatus,
    summary: 'Online or offline, changes waiting, last sync, last error, directory download.',
  },
  'sync.now': {
    input: z.object({}).strict(),
    output: SyncStatus,
    summary: 'Syncs right away (skipping any back-off wait); returns at once with the status.',
  },
  'sync.rejections': {
    input: z
      .object({
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    output: z.object({ items: z.array(RejectedChange), total: z.number().int() }),
    summary: 'Changes the server refused for good, newest first, with its reason.',
  },
  'sync.discardRejected': {
    input: z.object({ mutationId: z.number().int().positive() }).strict(),
    output: SyncStatus,
    summary: 'Gives up a refused change: the record goes back to the server copy (plus other waiting changes).',
  },
  'sync.retryRejected': {
    input: z.object({ mutationId: z.number().int().positive() }).strict(),
    output: SyncStatus,
    summary: 'Sends a refused change again, as a new change, and puts its effect back on the record.',
  },
} as const satisfies ApiTable;

export const syncEvents = {
  /** Any change of sync.status (state, waiting count, errors, directory progress). */
  'sync.changed': SyncStatus,
  /** Signed in or out. */
  'session.changed': SessionInfo,
} as const;

import { Id } from '../../../shared/domain/primitives';
import type { Db } from '../db/client';
import { getCall } from '../db/repositories/calls';
import type { SessionManager } from '../sync/session';

/**
 * A call's recording, for the call detail's player. The record's link names the CRM
 * server's authenticated proxy (GET /calls/:id/recording); the core fetches it from the
 * server the agent is signed in to, with the agent's session, and the host serves the
 * bytes to the page on the app's own origin (/recordings/:id), so the page's CSP stays
 * `media-src 'self'` and no token or Twilio URL ever reaches the renderer.
 */
export interface RecordingMedia {
  contentType: string;
  body: Uint8Array;
}

/** Where the page finds a call's recording (same origin; see the browser host and the app protocol). */
export const recordingPath = (callId: string) => `/recordings/${encodeURIComponent(callId)}`;

/** The call id a `recordingPath` names, or null for any other path (the source checks the id). */
export function recordingCallIdOf(pathname: string): string | null {
  return /^\/recordings\/([^/]+)$/.exec(pathname)?.[1] ?? null;
}

export function createRecordingSource(deps: { db: Db; session: Pick<SessionManager, 'stored' | 'download'> }) {
  return async (callId: string): Promise<RecordingMedia | null> => {
    if (!Id.safeParse(callId).success) return null;
    const call = getCall(deps.db, callId);
    if (!call?.recordingUrl || call.isDemo || !deps.session.stored()) return null;
    const reply = await deps.session.download(`/calls/${encodeURIComponent(callId)}/recording`);
    if (reply.status !== 200 || !reply.contentType.startsWith('audio/')) return null;
    return { contentType: reply.contentType, body: reply.body };
  };
}

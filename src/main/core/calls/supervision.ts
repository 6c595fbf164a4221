import type { SessionManager } from '../sync/session';

/**
 * Whether the signed-in user supervises the company's calls: a supervisor or an admin,
 * signed in to the CRM server. The server checks the role again on every such change;
 * this only keeps the desktop from queueing changes the server would refuse.
 */
export function supervisesCalls(session: Pick<SessionManager, 'info'>): boolean {
  const info = session.info();
  return info.signedIn && (info.role === 'supervisor' || info.role === 'admin');
}

import { call, errorMessage } from '../../bridge/client';
import { useUi } from '../../state/ui-store';
import { useSync } from './sync-store';

/** Settings → CRM server: who this desktop syncs as, and the way in or out. */
export function SessionCard() {
  const session = useSync((s) => s.session);
  const setLoginOpen = useSync((s) => s.setLoginOpen);
  const toast = useUi((s) => s.toast);

  const signOut = async () => {
    try {
      useSync.setState({ session: await call('session.logout', {}) });
      toast('info', 'Signed out. Your calls stay on this computer; changes wait until you sign in again.');
    } catch (error) {
      toast('error', errorMessage(error));
    }
  };

  return (
    <section className="card">
      <h2>CRM server</h2>
      {session?.signedIn && session.user ? (
        <>
          <dl className="fields">
            <dt>Server</dt>
            <dd className="mono">{session.serverUrl}</dd>
            <dt>Company</dt>
            <dd>{session.company}</dd>
            <dt>Signed in as</dt>
            <dd>
              {session.user.displayName} · {session.user.email} ({session.user.role})
            </dd>
          </dl>
          <p>
            <button onClick={() => void signOut()}>Sign out</button>
          </p>
        </>
      ) : (
        <>
          <p>Not signed in: calls and notes are kept on this computer only.</p>
          <button className="primary" onClick={() => setLoginOpen(true)}>
            Sign in
          </button>
        </>
      )}
    </section>
  );
}

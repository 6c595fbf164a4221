import { useState, type FormEvent } from 'react';
import { ApiError, call, errorMessage } from '../../bridge/client';
import { useUi } from '../../state/ui-store';
import { Sheet } from '../../ui/Sheet';
import { useSync } from './sync-store';

/** Signs this desktop in to the CRM server, once; the session is kept by the core. */
export function LoginSheet() {
  const open = useSync((s) => s.loginOpen);
  const session = useSync((s) => s.session);
  const setOpen = useSync((s) => s.setLoginOpen);
  const toast = useUi((s) => s.toast);
  const [serverUrl, setServerUrl] = useState<string | null>(null);
  const [company, setCompany] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!open) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const info = await call('session.login', {
        serverUrl: serverUrl ?? session?.serverUrl ?? '',
        company: company ?? session?.company ?? '',
        email,
        password,
        discardPending: confirmDiscard,
      });
      useSync.setState({ session: info });
      setPassword('');
      setOpen(false);
      toast('info', `Signed in as ${info.user?.displayName ?? email}.`);
    } catch (err) {
      setError(err instanceof ApiError && err.issues?.[0] ? err.issues[0].message : errorMessage(err));
      if (err instanceof ApiError && err.code === 'pending_other_user') setConfirmDiscard(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Sheet title="Sign in to the CRM server" onClose={() => setOpen(false)}>
      <form className="form" onSubmit={submit}>
        <label>
          Server
          <input
            value={serverUrl ?? session?.serverUrl ?? ''}
            onChange={(e) => setServerUrl(e.target.value)}
            placeholder="https://crm.example.com"
            required
          />
        </label>
        <label>
          Company
          <input value={company ?? session?.company ?? ''} onChange={(e) => setCompany(e.target.value)} required />
        </label>
        <label>
          Email
          <input
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoComplete="username"
            required
          />
        </label>
        <label>
          Password
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            required
          />
        </label>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        {error && /another user/i.test(error) && (
          <label className="inline">
            <input type="checkbox" checked={confirmDiscard} onChange={(e) => setConfirmDiscard(e.target.checked)} />{' '}
            Drop the other user’s waiting changes and sign in
          </label>
        )}
        <div className="form-actions">
          <button type="button" onClick={() => setOpen(false)}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Sign in
          </button>
        </div>
      </form>
    </Sheet>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import { formatPhoneForDisplay } from '../../../../shared/domain/phone';
import { call, errorMessage } from '../../bridge/client';
import { useQuery } from '../../bridge/use-query';
import { useUi } from '../../state/ui-store';
import { formatDate } from '../../ui/format';
import { useSync } from '../sync/sync-store';
import './blocked-numbers.css';

/**
 * Settings → Blocked numbers: the company's list, as this desktop last read it from the
 * CRM server. Calls from these numbers are rejected before they ring and logged; dialing
 * them follows the do-not-contact policy. Supervisors and admins change the list here.
 */
export function BlockedNumbersCard() {
  const list = useQuery('blockedNumbers.list', {}, ['blockedNumber']);
  const session = useSync((s) => s.session);
  const toast = useUi((s) => s.toast);
  const [number, setNumber] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { refetch } = list;
  // Signing in or out changes whether there is a list, and who may change it.
  useEffect(() => refetch(), [refetch, session?.signedIn, session?.user?.role]);

  const view = list.data;
  const block = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await call('blockedNumbers.add', { number, reason });
      toast('info', `${number} is blocked for the whole company.`);
      setNumber('');
      setReason('');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const unblock = async (e164: string) => {
    try {
      await call('blockedNumbers.remove', { e164 });
      toast('info', `${formatPhoneForDisplay(e164)} is no longer blocked.`);
    } catch (err) {
      toast('error', errorMessage(err));
    }
  };

  return (
    <section className="card blocked-numbers" aria-labelledby="blocked-numbers-title">
      <h2 id="blocked-numbers-title">Blocked numbers</h2>
      {!view ? (
        <p className="empty">Loading…</p>
      ) : !view.signedIn ? (
        <p>Sign in to the CRM server to see your company’s blocked numbers.</p>
      ) : (
        <>
          <p className="hint">
            Calls from these numbers are rejected before they ring and logged as Not Held (Blocked). Dialing them is
            refused or needs a confirmation, as the do-not-contact setting says.
            {view.canManage ? '' : ' Supervisors and admins change this list.'}
          </p>
          {view.canManage && (
            <form className="form block-form" onSubmit={block} aria-label="Block a number">
              <label>
                Number
                <input value={number} onChange={(e) => setNumber(e.target.value)} required autoComplete="off" />
              </label>
              <label>
                Reason
                <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} />
              </label>
              <button type="submit" className="primary" disabled={busy}>
                {busy ? 'Blocking…' : 'Block number'}
              </button>
              {error && (
                <p className="error-text" role="alert">
                  {error}
                </p>
              )}
            </form>
          )}
          {view.items.length === 0 ? (
            <p className="empty">No number is blocked.</p>
          ) : (
            <table className="blocked-table">
              <caption className="visually-hidden">The company’s blocked numbers</caption>
              <thead>
                <tr>
                  <th scope="col">Number</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Blocked by</th>
                  {view.canManage && (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {view.items.map((entry) => (
                  <tr key={entry.e164}>
                    <td className="mono">{formatPhoneForDisplay(entry.e164)}</td>
                    <td>{entry.reason || '—'}</td>
                    <td>
                      {entry.addedBy}, {formatDate(entry.addedAt)}
                    </td>
                    {view.canManage && (
                      <td className="row-action">
                        <button
                          onClick={() => void unblock(entry.e164)}
                          aria-label={`Unblock ${formatPhoneForDisplay(entry.e164)}`}
                        >
                          Unblock
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

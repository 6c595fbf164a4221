import { useState, type FormEvent } from 'react';
import type { CallRecord } from '../../../../shared/domain/call';
import { call as invoke, errorMessage } from '../../bridge/client';
import { useQuery } from '../../bridge/use-query';
import { useUi } from '../../state/ui-store';
import { useSupervises } from './table/BulkOwnerForm';

/**
 * Who owns the call, in the drawer's Details; supervisors and admins can give it to a
 * colleague here (the same synced change as the bulk bar's "Change owner").
 */
export function CallOwnerField({ call }: { call: CallRecord }) {
  const teammates = useQuery('teammates.list', {}, ['teammate']);
  const info = useQuery('app.info', {}, []);
  const supervises = useSupervises();
  const toast = useUi((s) => s.toast);
  const [ownerId, setOwnerId] = useState(call.ownerId);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const people = teammates.data?.items ?? [];
  const name =
    info.data?.userId === call.ownerId
      ? 'You'
      : (people.find((t) => t.id === call.ownerId)?.name ?? `user ${call.ownerId.slice(0, 8)}`);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await invoke('calls.setOwner', { id: call.id, ownerId });
      toast('info', 'Owner changed. Their desktop gets the call after its next sync.');
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <dt>Owner</dt>
      <dd data-testid="detail-owner">
        {!supervises ? (
          name
        ) : (
          <form className="owner-form" aria-label="Change the call’s owner" onSubmit={(e) => void submit(e)}>
            <select aria-label="Owner of this call" value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
              {!people.some((t) => t.id === call.ownerId) && <option value={call.ownerId}>{name}</option>}
              {people.map((teammate) => (
                <option key={teammate.id} value={teammate.id}>
                  {teammate.name}
                </option>
              ))}
            </select>
            <button type="submit" disabled={busy || ownerId === call.ownerId}>
              Change owner
            </button>
            {error && (
              <span className="error-text" role="alert">
                {error}
              </span>
            )}
          </form>
        )}
      </dd>
    </>
  );
}

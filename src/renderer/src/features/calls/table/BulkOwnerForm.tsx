import { useState } from 'react';
import { useQuery } from '../../../bridge/use-query';
import { useSync } from '../../sync/sync-store';

/** Whether the signed-in user may give calls to a colleague: supervisors and admins (the core and server check again). */
export function useSupervises(): boolean {
  return useSync(
    (s) => (s.session?.signedIn ?? false) && (s.session?.role === 'supervisor' || s.session?.role === 'admin'),
  );
}

/**
 * The bulk bar's "Change owner": a picker of the company's users (the list synced from
 * the CRM server, the same one the Owner filter and column use) and a button. Shown to
 * supervisors and admins only.
 */
export function BulkOwnerForm({ busy, onGive }: { busy: boolean; onGive: (ownerId: string) => void }) {
  const teammates = useQuery('teammates.list', {}, ['teammate']);
  const [ownerId, setOwnerId] = useState('');
  return (
    <form
      className="bulk-group"
      onSubmit={(event) => {
        event.preventDefault();
        onGive(ownerId);
      }}
    >
      <select
        aria-label="New owner for the selected calls"
        value={ownerId}
        onChange={(event) => setOwnerId(event.target.value)}
      >
        <option value="">Owner…</option>
        {(teammates.data?.items ?? []).map((teammate) => (
          <option key={teammate.id} value={teammate.id}>
            {teammate.name}
          </option>
        ))}
      </select>
      <button type="submit" disabled={!ownerId || busy}>
        Change owner
      </button>
    </form>
  );
}

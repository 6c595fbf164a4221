import { useCallback, useRef, useState } from 'react';
import type { SyncStatus } from '../../../../shared/api/sync';
import { call, errorMessage } from '../../bridge/client';
import { useUi } from '../../state/ui-store';
import { formatInstant } from '../../ui/format';
import { useDismiss } from '../../ui/use-dismiss';
import { RefusedChanges } from './RefusedChanges';
import { useSync } from './sync-store';

const stateLabel: Record<SyncStatus['state'], string> = {
  'signed-out': 'Not signed in',
  online: 'Synced',
  offline: 'Offline',
  syncing: 'Syncing…',
  error: 'Sync error',
};

/**
 * Always visible: online or offline, how many changes wait, when it last synced, and
 * why it failed. The agent must never wonder whether a logged call reached the CRM.
 */
export function SyncIndicator() {
  const status = useSync((s) => s.status);
  const session = useSync((s) => s.session);
  const setLoginOpen = useSync((s) => s.setLoginOpen);
  const toast = useUi((s) => s.toast);
  const [open, setOpen] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(container, open, close, toggle);
  if (!status) return null;

  const syncNow = async () => {
    try {
      useSync.setState({ status: await call('sync.now', {}) });
    } catch (error) {
      toast('error', errorMessage(error));
    }
  };
  const directory = status.directory;
  const downloading = directory.phase === 'downloading';

  return (
    <div className="sync" ref={container}>
      {/* The button's name is its visible text (with a hidden "Sync:" before it), so what
          a voice-control user reads on screen is what they can say. */}
      <button
        ref={toggle}
        className={`pill sync-pill sync-${status.state}`}
        onClick={() => setOpen(!open)}
        aria-expanded={open}
      >
        <span className="dot" aria-hidden="true" />
        <span className="visually-hidden">Sync: </span>
        <span data-testid="sync-state">{stateLabel[status.state]}</span>
        {status.pending > 0 && (
          <span className="sync-count" data-testid="sync-pending">
            {status.pending} waiting
          </span>
        )}
        {downloading && (
          <span className="sync-count">
            directory{' '}
            {directory.total
              ? `${Math.floor((100 * directory.downloaded) / directory.total)}%`
              : directory.downloaded.toLocaleString()}
          </span>
        )}
      </button>
      {open && (
        <div className="popover" role="dialog" aria-label="Sync details">
          {status.state === 'signed-out' ? (
            <>
              <p>Everything is kept on this computer. Sign in to the CRM server to sync it.</p>
              <button
                className="primary"
                onClick={() => {
                  setOpen(false);
                  setLoginOpen(true);
                }}
              >
                Sign in
              </button>
            </>
          ) : (
            <>
              <dl className="fields compact">
                <dt>Server</dt>
                <dd className="mono">{session?.serverUrl ?? '—'}</dd>
                <dt>Signed in as</dt>
                <dd>{session?.user ? `${session.user.displayName} (${session.user.role})` : '—'}</dd>
                <dt>Waiting</dt>
                <dd>{status.pending === 0 ? 'Nothing' : `${status.pending} change${status.pending > 1 ? 's' : ''}`}</dd>
                <dt>Last sync</dt>
                <dd>{status.lastSyncAt ? formatInstant(status.lastSyncAt) : 'Not yet'}</dd>
                {downloading && (
                  <>
                    <dt>Directory</dt>
                    <dd>
                      {directory.downloaded.toLocaleString()}
                      {directory.total ? ` of ${directory.total.toLocaleString()}` : ''} records
                    </dd>
                  </>
                )}
              </dl>
              <RefusedChanges count={status.rejected} />
              {status.lastError && (
                <p className="warning" role="alert">
                  {status.lastError.message}
                </p>
              )}
              <div className="form-actions">
                <button onClick={() => void syncNow()}>Sync now</button>
              </div>
            </>
          )}
        </div>
      )}
    </div>
  );
}

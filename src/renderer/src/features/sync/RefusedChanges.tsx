import { useEffect, useState } from 'react';
import type { RejectedChange } from '../../../../shared/api/sync';
import { call, errorMessage } from '../../bridge/client';
import { useUi } from '../../state/ui-store';
import { formatInstant } from '../../ui/format';
import { useSync } from './sync-store';

const shown = 50;

/**
 * Each change the server refused for good, in words (the record, the change, the
 * server's reason), with what the agent can do: Discard gives it up (the record goes
 * back to the server's copy), Retry sends it again. A bare count left the agent unable
 * to tell what had not reached the CRM.
 */
export function RefusedChanges({ count }: { count: number }) {
  const [items, setItems] = useState<RejectedChange[] | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const toast = useUi((s) => s.toast);

  useEffect(() => {
    if (count === 0) return;
    let current = true;
    call('sync.rejections', { limit: shown, offset: 0 }).then(
      (page) => current && setItems(page.items),
      (error: unknown) => current && toast('error', errorMessage(error)),
    );
    return () => {
      current = false;
    };
  }, [count, toast]);

  if (count === 0) return null;

  const settle = async (item: RejectedChange, action: 'discard' | 'retry') => {
    setBusy(item.mutationId);
    try {
      const status = await call(action === 'discard' ? 'sync.discardRejected' : 'sync.retryRejected', {
        mutationId: item.mutationId,
      });
      useSync.setState({ status });
      setItems((list) => list?.filter((other) => other.mutationId !== item.mutationId) ?? null);
      toast('info', action === 'discard' ? 'Change discarded.' : 'Sending the change again.');
    } catch (error) {
      toast('error', errorMessage(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="refused" aria-labelledby="refused-title">
      <h2 id="refused-title" className="refused-title">
        The server refused {count === 1 ? '1 change' : `${count} changes`}
      </h2>
      <ul className="refused-list">
        {items?.map((item) => (
          <li key={item.mutationId} className="refused-item" data-testid="refused-change">
            <p className="refused-record">{item.record}</p>
            <p className="refused-change">
              {item.change} <span className="muted">· {formatInstant(item.rejectedAt)}</span>
            </p>
            <p className="refused-reason">{item.reason}</p>
            <div className="refused-actions">
              <button
                disabled={busy === item.mutationId}
                onClick={() => void settle(item, 'discard')}
                aria-label={`Discard: ${item.change}, ${item.record}`}
              >
                Discard
              </button>
              <button
                disabled={busy === item.mutationId}
                onClick={() => void settle(item, 'retry')}
                aria-label={`Retry: ${item.change}, ${item.record}`}
              >
                Retry
              </button>
            </div>
          </li>
        ))}
      </ul>
      {count > shown && <p className="muted">And {count - shown} older ones.</p>}
    </section>
  );
}

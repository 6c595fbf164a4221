import { useEffect } from 'react';
import type { RelatedRef } from '../../../../shared/domain/call';
import { call } from '../../bridge/client';
import { useQuery } from '../../bridge/use-query';
import { SmsThread } from './SmsThread';
import './sms.css';

/**
 * A record's texts in its timeline, next to its calls: a thread per number. Showing
 * a thread counts as reading it (the unread badge drops).
 */
export function ContactMessages({ related, limit }: { related: Pick<RelatedRef, 'type' | 'id'>; limit?: number }) {
  const threads = useQuery('sms.threads', { related: { type: related.type, id: related.id } }, ['message']);
  const unread = (threads.data?.threads ?? []).filter((t) => t.unread > 0).map((t) => t.number);
  const unreadKey = unread.join(',');
  useEffect(() => {
    if (!unreadKey) return;
    for (const number of unreadKey.split(',')) void call('sms.markRead', { number });
  }, [unreadKey]);
  if (!threads.data) return null;
  if (threads.data.threads.length === 0) return <p className="muted small">No texts yet.</p>;
  return (
    <div className="sms-threads">
      {threads.data.threads.map((thread) => (
        <section key={thread.number} aria-label={`Thread with ${thread.numberDisplay}`}>
          {threads.data!.threads.length > 1 && <h3 className="sms-thread-number">{thread.numberDisplay}</h3>}
          {thread.optedOut && (
            <p className="warning small" role="note">
              Opted out of texts (replied STOP).
            </p>
          )}
          <SmsThread thread={thread} {...(limit ? { limit } : {})} />
        </section>
      ))}
    </div>
  );
}

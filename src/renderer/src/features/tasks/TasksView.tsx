import { useState } from 'react';
import type { FollowUpItem } from '../../../../shared/api/follow-ups';
import { slaCountdown, slaState, slaStateLabel } from '../../../../shared/domain/sla';
import type { Task } from '../../../../shared/domain/work';
import { call, errorMessage } from '../../bridge/client';
import { useQuery } from '../../bridge/use-query';
import { useUi } from '../../state/ui-store';
import { formatInstant } from '../../ui/format';
import { PriorityDot } from '../../ui/PriorityDot';
import { FollowUpSheet } from '../follow-ups/FollowUpSheet';
import { useNow } from '../follow-ups/use-now';
import './tasks.css';

function SlaBadge({ item, now }: { item: FollowUpItem; now: number }) {
  if (!item.deadline) return <span className="muted small">No due date</span>;
  const state = slaState(item.task.createdAt, item.deadline, now);
  return (
    <span className={`sla sla-${state}`} data-testid="sla">
      <strong>{slaStateLabel[state]}</strong> · {slaCountdown(item.deadline, now)}
      {item.slaRule ? ` · SLA ${item.slaMinutes} min` : ''}
    </span>
  );
}

/** Open follow-ups with their SLA countdown, soonest deadline first; each opens its call or record. */
export function TasksView() {
  const [showDone, setShowDone] = useState(false);
  const [creating, setCreating] = useState(false);
  const open = useQuery('followUps.list', {}, ['task', 'call']);
  const done = useQuery('tasks.list', showDone ? { status: ['Done'] } : null, ['task']);
  const navigate = useUi((s) => s.navigate);
  const toast = useUi((s) => s.toast);
  const now = useNow();

  const toggle = async (task: Task) => {
    try {
      await call('tasks.setStatus', { id: task.id, status: task.status === 'Done' ? 'Open' : 'Done' });
    } catch (err) {
      toast('error', errorMessage(err));
    }
  };
  const openRecord = (t: Task) => {
    if (t.callId) navigate({ view: 'calls', id: t.callId });
    else if (t.related) navigate({ view: 'contacts', kind: t.related.type, id: t.related.id });
  };
  const row = (t: Task, extra: React.ReactNode) => (
    <li key={t.id} className={`task-row${t.status === 'Done' ? ' done' : ''}`}>
      <input
        type="checkbox"
        checked={t.status === 'Done'}
        onChange={() => void toggle(t)}
        aria-label={`Mark “${t.subject}” ${t.status === 'Done' ? 'open' : 'done'}`}
      />
      <PriorityDot priority={t.priority} />
      <span className="call-row-main">
        {t.callId || t.related ? (
          <button className="link-button call-row-title" onClick={() => openRecord(t)}>
            {t.subject}
          </button>
        ) : (
          <span className="call-row-title">{t.subject}</span>
        )}
        <span className="call-row-sub task-row-sub">
          {t.related && (
            <span className="task-row-related" title={t.related.name}>
              {t.related.name}
            </span>
          )}
          {t.dueAt && <span className="task-row-due">due {formatInstant(t.dueAt)}</span>}
        </span>
      </span>
      {extra}
    </li>
  );

  return (
    <section className="page" aria-label="Tasks">
      <header className="page-header">
        <h1>Tasks</h1>
        <div className="page-actions">
          <label className="inline">
            <input type="checkbox" checked={showDone} onChange={(e) => setShowDone(e.target.checked)} /> Show done
          </label>
          <button className="primary" onClick={() => setCreating(true)}>
            New follow-up
          </button>
        </div>
      </header>
      {open.data?.items.length === 0 && <p className="empty">Nothing to do.</p>}
      <ul className="plain-list" aria-label="Open tasks">
        {open.data?.items.map((item) => row(item.task, <SlaBadge item={item} now={now} />))}
      </ul>
      {showDone && (
        <ul className="plain-list" aria-label="Done tasks">
          {done.data?.items.map((t) => row(t, null))}
        </ul>
      )}
      {creating && <FollowUpSheet call={null} onClose={() => setCreating(false)} />}
    </section>
  );
}

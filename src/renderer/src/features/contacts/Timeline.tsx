import type { CallRecord } from '../../../../shared/domain/call';
import type { Task } from '../../../../shared/domain/work';
import { useUi } from '../../state/ui-store';
import { DirectionIcon, StatusBadge } from '../../ui/Badge';
import { formatDuration, formatInstant } from '../../ui/format';
import { callTime } from '../calls/CallList';

/** A record's calls, newest first, as a compact timeline. */
export function CallTimeline({ calls }: { calls: CallRecord[] }) {
  const navigate = useUi((s) => s.navigate);
  if (calls.length === 0) return <p className="empty small">No calls yet.</p>;
  return (
    <ol className="timeline">
      {calls.map((c) => (
        <li key={c.id}>
          <button className="timeline-entry" onClick={() => navigate({ view: 'calls', id: c.id })}>
            <DirectionIcon direction={c.direction} />
            <span className="call-row-main">
              <span className="call-row-title">{c.subject}</span>
              <span className="call-row-sub">
                {formatInstant(callTime(c))}
                {c.status === 'Held' ? ` · ${formatDuration(c.durationSeconds)}` : ''}
                {c.outcome.text ? ` · ${c.outcome.text}` : c.statusReason ? ` · ${c.statusReason}` : ''}
              </span>
            </span>
            <StatusBadge status={c.status} />
          </button>
        </li>
      ))}
    </ol>
  );
}

export function TaskList({ tasks }: { tasks: Task[] }) {
  if (tasks.length === 0) return <p className="empty small">No open tasks.</p>;
  return (
    <ul className="task-list">
      {tasks.map((t) => (
        <li key={t.id}>
          <span className={`priority priority-${t.priority}`} aria-label={`${t.priority} priority`} />
          <span>{t.subject}</span>
          <span className="muted">{t.dueAt ? `due ${formatInstant(t.dueAt)}` : 'no due date'}</span>
        </li>
      ))}
    </ul>
  );
}

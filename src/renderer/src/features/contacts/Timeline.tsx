import type { RelatedType } from '../../../../shared/domain/call';
import type { Task } from '../../../../shared/domain/work';
import { useQuery } from '../../bridge/use-query';
import { useUi } from '../../state/ui-store';
import { DemoBadge, DirectionIcon } from '../../ui/Badge';
import { CallStatusBadge } from '../calls/CallStatusBadge';
import { formatDuration, formatInstant } from '../../ui/format';
import { PriorityDot } from '../../ui/PriorityDot';

/**
 * Every call linked to a record (as its related record or with it as a participant),
 * newest first: direction, status, who took part, when it was planned or held, how
 * long, and how it ended.
 */
export function CallTimeline({ related }: { related: { type: RelatedType; id: string } }) {
  const navigate = useUi((s) => s.navigate);
  const timeline = useQuery('calls.timeline', { related }, ['call']);
  const calls = timeline.data?.items ?? [];
  if (timeline.data && calls.length === 0) return <p className="empty small">No calls yet.</p>;
  return (
    <ol className="timeline" aria-label="Call history">
      {calls.map((c) => {
        const people = c.participants.map((p) => p.name || p.kind).join(', ');
        return (
          <li key={c.id}>
            <button className="timeline-entry" onClick={() => navigate({ view: 'calls', id: c.id })}>
              <DirectionIcon direction={c.direction} />
              <span className="call-row-main">
                <span className="call-row-title">{c.subject}</span>
                <span className="call-row-sub">
                  {/* A Planned call without a planned time is one that is ringing or being
                      dialed right now: it is shown by when it started, never "planned —". */}
                  {c.status === 'Planned' && c.plannedStart
                    ? `planned ${formatInstant(c.plannedStart)}`
                    : formatInstant(c.actualStart ?? c.at)}
                  {c.status === 'Held' ? ` · ${formatDuration(c.durationSeconds)}` : ''}
                  {people ? ` · ${people}` : ''}
                </span>
                {(c.dispositionCode || c.outcomeText || c.statusReason) && (
                  <span className="call-row-sub">
                    {c.dispositionCode ? `${c.dispositionLabel}` : ''}
                    {c.dispositionCode && (c.outcomeText || c.statusReason) ? ' · ' : ''}
                    {c.outcomeText || c.statusReason || ''}
                  </span>
                )}
                {c.visits.map((visit) => (
                  <span key={visit} className="call-row-sub">
                    Visit booked: {visit}
                  </span>
                ))}
              </span>
              {c.isDemo && <DemoBadge />}
              <CallStatusBadge callId={c.id} status={c.status} />
            </button>
          </li>
        );
      })}
    </ol>
  );
}

export function TaskList({ tasks }: { tasks: Task[] }) {
  if (tasks.length === 0) return <p className="empty small">No open tasks.</p>;
  return (
    <ul className="task-list">
      {tasks.map((t) => (
        <li key={t.id}>
          <PriorityDot priority={t.priority} />
          <span>{t.subject}</span>
          <span className="muted">{t.dueAt ? `due ${formatInstant(t.dueAt)}` : 'no due date'}</span>
        </li>
      ))}
    </ul>
  );
}

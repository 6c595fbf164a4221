import { useState } from 'react';
import type { CallRecord } from '../../../../shared/domain/call';
import { useQuery } from '../../bridge/use-query';
import { useUi } from '../../state/ui-store';
import { formatDay, formatInstant } from '../../ui/format';
import { counterpart } from '../calls/CallList';
import '../calls/call-record.css';
import { RescheduleSheet } from './RescheduleSheet';

/** Planned calls, soonest first, grouped by the agent's day. Overdue ones are flagged. */
export function ScheduleView() {
  const planned = useQuery('calls.list', { status: ['Planned'], sort: 'planned', limit: 500 }, ['call']);
  const navigate = useUi((s) => s.navigate);
  const setNewCallOpen = useUi((s) => s.setNewCallOpen);
  const [moving, setMoving] = useState<CallRecord | null>(null);
  const now = Date.now();
  const days = new Map<string, NonNullable<typeof planned.data>['items']>();
  for (const call of planned.data?.items ?? []) {
    const at = call.plannedStart?.utc ?? call.createdAt;
    const day = formatDay(at);
    days.set(day, [...(days.get(day) ?? []), call]);
  }

  return (
    <section className="page" aria-label="Schedule">
      <header className="page-header">
        <h1>Schedule</h1>
        <button
          className="primary"
          onClick={() => {
            navigate({ view: 'calls' });
            setNewCallOpen(true);
          }}
        >
          Plan a call
        </button>
      </header>
      {planned.data?.items.length === 0 && <p className="empty">No planned calls.</p>}
      {[...days].map(([day, calls]) => (
        <section key={day} className="day">
          <h2>{day}</h2>
          <ul className="plain-list">
            {calls.map((c) => {
              const overdue = c.plannedStart && Date.parse(c.plannedStart.utc) < now;
              return (
                <li key={c.id} className="schedule-item">
                  <button className="schedule-row" onClick={() => navigate({ view: 'calls', id: c.id })}>
                    <span className={`time${overdue ? ' overdue' : ''}`}>
                      {c.plannedStart ? formatInstant(c.plannedStart.utc) : '—'}
                    </span>
                    <span className="call-row-main">
                      <span className="call-row-title">{c.subject}</span>
                      <span className="call-row-sub">
                        {counterpart(c)}
                        {c.plannedStart ? ` · ${c.plannedStart.local.replace('T', ' ')} ${c.plannedStart.zone}` : ''}
                      </span>
                    </span>
                    {overdue && <span className="badge overdue">Overdue</span>}
                  </button>
                  <button className="reschedule" aria-label={`Reschedule ${c.subject}`} onClick={() => setMoving(c)}>
                    Reschedule
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      {moving && <RescheduleSheet call={moving} onClose={() => setMoving(null)} />}
    </section>
  );
}

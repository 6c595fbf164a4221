import { useState } from 'react';
import type { CallRecord } from '../../../../shared/domain/call';
import { SCHEDULE_PAGE_SIZE, scheduleWeek } from '../../../../shared/domain/time';
import { useQuery } from '../../bridge/use-query';
import { useUi } from '../../state/ui-store';
import { displayTimeZone, formatDay, formatInstant, formatShortDate } from '../../ui/format';
import { counterpart } from '../../../../shared/domain/call-summary';
import '../calls/call-record.css';
import { RescheduleSheet } from './RescheduleSheet';

/**
 * Planned calls a week at a time (seven days from today in the agent's zone), soonest
 * first, grouped by day, a page of calls at a time: at 100,000 planned calls the view
 * still asks the store for one page of one week, an index range seek
 * (test/bench/reminders.ts). Overdue calls of earlier weeks are counted on this week.
 */
export function ScheduleView() {
  const [weeks, setWeeks] = useState(0);
  const [page, setPage] = useState(0);
  const week = scheduleWeek(displayTimeZone(), Date.now(), weeks);
  const planned = useQuery(
    'calls.list',
    {
      status: ['Planned'],
      sort: 'planned',
      plannedFrom: week.from,
      plannedTo: week.to,
      limit: SCHEDULE_PAGE_SIZE,
      offset: page * SCHEDULE_PAGE_SIZE,
    },
    ['call'],
  );
  const earlier = useQuery(
    'calls.list',
    weeks === 0 ? { status: ['Planned'], sort: 'planned', plannedTo: week.from, limit: 1 } : null,
    ['call'],
  );
  const navigate = useUi((s) => s.navigate);
  const setNewCallOpen = useUi((s) => s.setNewCallOpen);
  const [moving, setMoving] = useState<CallRecord | null>(null);
  const move = (by: number) => {
    setWeeks(weeks + by);
    setPage(0);
  };
  const total = planned.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / SCHEDULE_PAGE_SIZE));
  const overdueBefore = weeks === 0 ? (earlier.data?.total ?? 0) : 0;
  const days = new Map<string, CallRecord[]>();
  for (const call of planned.data?.items ?? []) {
    const day = formatDay(call.plannedStart?.utc ?? call.createdAt);
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
      <nav className="schedule-week" aria-label="Week">
        <button onClick={() => move(-1)}>Previous week</button>
        <span className="schedule-week-range" data-testid="schedule-week">
          {formatShortDate(week.firstDay)} – {formatShortDate(week.lastDay)}
          {planned.data ? ` · ${total.toLocaleString()} planned` : ''}
        </span>
        {weeks !== 0 && <button onClick={() => move(-weeks)}>This week</button>}
        <button onClick={() => move(1)}>Next week</button>
      </nav>
      {overdueBefore > 0 && (
        <p className="schedule-overdue" role="status">
          {overdueBefore.toLocaleString()} planned {overdueBefore === 1 ? 'call' : 'calls'} from before this week{' '}
          {overdueBefore === 1 ? 'is' : 'are'} overdue.{' '}
          <button className="link-button" onClick={() => move(-1)}>
            Show last week
          </button>
        </p>
      )}
      {planned.data?.items.length === 0 && <p className="empty">No calls planned this week.</p>}
      {[...days].map(([day, calls]) => (
        <ScheduleDay key={day} day={day} calls={calls} onMove={setMoving} />
      ))}
      {pages > 1 && (
        <nav className="schedule-pages" aria-label="Pages of this week">
          <button disabled={page === 0} onClick={() => setPage(page - 1)}>
            Earlier
          </button>
          <span>
            Page {page + 1} of {pages}
          </span>
          <button disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
            Later
          </button>
        </nav>
      )}
      {moving && <RescheduleSheet call={moving} onClose={() => setMoving(null)} />}
    </section>
  );
}

function ScheduleDay({ day, calls, onMove }: { day: string; calls: CallRecord[]; onMove: (c: CallRecord) => void }) {
  const navigate = useUi((s) => s.navigate);
  const now = Date.now();
  return (
    <section className="day">
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
              <button className="reschedule" aria-label={`Reschedule ${c.subject}`} onClick={() => onMove(c)}>
                Reschedule
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

import { useState } from 'react';
import type { Task } from '../../../../shared/domain/work';
import { call, errorMessage } from '../../bridge/client';
import { useQuery } from '../../bridge/use-query';
import { useUi } from '../../state/ui-store';
import { formatInstant } from '../../ui/format';
import { PriorityDot } from '../../ui/PriorityDot';

export function TasksView() {
  const [showDone, setShowDone] = useState(false);
  const tasks = useQuery('tasks.list', { status: showDone ? ['Open', 'Done'] : ['Open'] }, ['task']);
  const toast = useUi((s) => s.toast);
  const now = Date.now();

  const toggle = async (task: Task) => {
    try {
      await call('tasks.setStatus', { id: task.id, status: task.status === 'Done' ? 'Open' : 'Done' });
    } catch (err) {
      toast('error', errorMessage(err));
    }
  };

  return (
    <section className="page" aria-label="Tasks">
      <header className="page-header">
        <h1>Tasks</h1>
        <label className="inline">
          <input type="checkbox" checked={showDone} onChange={(e) => setShowDone(e.target.checked)} /> Show done
        </label>
      </header>
      {tasks.data?.items.length === 0 && <p className="empty">Nothing to do.</p>}
      <ul className="plain-list">
        {tasks.data?.items.map((t) => (
          <li key={t.id} className={`task-row${t.status === 'Done' ? ' done' : ''}`}>
            <input
              type="checkbox"
              checked={t.status === 'Done'}
              onChange={() => void toggle(t)}
              aria-label={`Mark “${t.subject}” ${t.status === 'Done' ? 'open' : 'done'}`}
            />
            <PriorityDot priority={t.priority} />
            <span className="call-row-main">
              <span className="call-row-title">{t.subject}</span>
              <span className="call-row-sub">{t.related ? `${t.related.name || t.related.type}` : ''}</span>
            </span>
            <span className={`time${t.dueAt && Date.parse(t.dueAt) < now && t.status === 'Open' ? ' overdue' : ''}`}>
              {t.dueAt ? formatInstant(t.dueAt) : 'No due date'}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

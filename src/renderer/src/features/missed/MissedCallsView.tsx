import { useSms } from '../sms/sms-store';
import { useState } from 'react';
import type { MissedCall } from '../../../../shared/api/missed-calls';
import { call, errorMessage } from '../../bridge/client';
import { useQuery } from '../../bridge/use-query';
import { useUi } from '../../state/ui-store';
import { formatInstant } from '../../ui/format';
import { PhoneLink } from '../line/PhoneLink';
import './missed-calls.css';

/**
 * Inbound calls nobody answered, newest first. Each has a call-back task; marking it
 * handled completes that task, which is also what takes it off the badge.
 */
export function MissedCallsView() {
  const [showHandled, setShowHandled] = useState(false);
  const list = useQuery('calls.missed', { unhandledOnly: !showHandled, limit: 200 }, ['call', 'task']);
  const toast = useUi((s) => s.toast);
  const items = list.data?.items ?? [];

  const markHandled = async (missed: MissedCall) => {
    if (!missed.task) return;
    try {
      await call('tasks.setStatus', { id: missed.task.id, status: 'Done' });
    } catch (err) {
      toast('error', errorMessage(err));
    }
  };

  return (
    <section className="page" aria-labelledby="missed-heading">
      <header className="page-header">
        <h1 id="missed-heading">Missed calls</h1>
        <label className="inline">
          <input type="checkbox" checked={showHandled} onChange={(e) => setShowHandled(e.target.checked)} /> Show
          handled
        </label>
      </header>
      {list.error && <p className="error-text">{list.error.message}</p>}
      {list.data && items.length === 0 && (
        <p className="empty">{showHandled ? 'No missed calls.' : 'No missed calls to return.'}</p>
      )}
      <ul className="missed-list" aria-label="Missed calls">
        {items.map((m) => (
          <MissedCallRow key={m.id} missed={m} onHandled={() => void markHandled(m)} />
        ))}
      </ul>
    </section>
  );
}

function MissedCallRow({ missed, onHandled }: { missed: MissedCall; onHandled: () => void }) {
  const navigate = useUi((s) => s.navigate);
  const related = missed.related;
  const openCaller = () => {
    if (related) navigate({ view: 'contacts', kind: related.type, id: related.id });
  };
  const canOpen = related !== null;
  const compose = useSms((s) => s.compose);
  return (
    <li className={`missed-row${missed.handled ? ' handled' : ''}`} data-call-id={missed.id}>
      <div className="missed-main">
        <p className="missed-caller">
          {canOpen ? (
            <button type="button" className="link-button" onClick={openCaller}>
              {missed.caller}
            </button>
          ) : (
            <strong>{missed.caller}</strong>
          )}
        </p>
        <p className="missed-sub">
          <time dateTime={missed.at}>{formatInstant(missed.at)}</time>
          {missed.reason ? ` · ${missed.reason}` : ''}
        </p>
        {missed.task && (
          <p className="missed-sub">
            {missed.task.subject}
            {missed.task.dueAt ? `, due ${formatInstant(missed.task.dueAt)}` : ''}
            {missed.handled ? ' (done)' : ''}
          </p>
        )}
      </div>
      <div className="missed-actions">
        {missed.number && <PhoneLink e164={missed.number} />}
        {missed.number && (
          <button type="button" onClick={() => compose({ number: missed.number!, related })}>
            Text back
          </button>
        )}
        <button type="button" onClick={() => navigate({ view: 'calls', id: missed.id })}>
          Details
        </button>
        {!missed.handled && missed.task && (
          <button type="button" className="primary" onClick={onHandled}>
            Mark handled
          </button>
        )}
      </div>
    </li>
  );
}

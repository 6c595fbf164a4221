import { displayName } from '../../../../shared/domain/directory';
import { useQuery } from '../../bridge/use-query';
import { useUi } from '../../state/ui-store';
import { CustomerProfile } from '../customers/CustomerProfile';
import { PhoneLink } from '../line/PhoneLink';
import { CallTimeline, TaskList } from './Timeline';

export function AccountDetail({ id }: { id: string }) {
  const detail = useQuery('accounts.get', { id }, ['account', 'contact', 'call', 'task', 'opportunity', 'case']);
  const navigate = useUi((s) => s.navigate);
  if (detail.error) return <p className="error-text">{detail.error.message}</p>;
  if (!detail.data) return <p className="empty">Loading…</p>;
  const { account, contacts, opportunities, cases, openTasks } = detail.data;

  return (
    <article className="detail" aria-label={`Account: ${account.name}`}>
      <header className="detail-header">
        <span className="avatar large square" aria-hidden="true">
          {account.name.slice(0, 2)}
        </span>
        <div>
          <h1>{account.name}</h1>
          <p className="muted">{[account.industry, account.country, account.timeZone].filter(Boolean).join(' · ')}</p>
        </div>
      </header>
      <dl className="fields">
        <dt>Phones</dt>
        <dd>
          {account.phones.length === 0
            ? '—'
            : account.phones.map((p) => <PhoneLink key={p.e164} e164={p.e164} extension={p.extension} />)}
        </dd>
        <dt>Contacts</dt>
        <dd>
          {contacts.map((c) => (
            <button
              key={c.id}
              className="link-button block"
              onClick={() => navigate({ view: 'contacts', kind: 'contact', id: c.id })}
            >
              {displayName(c)}
            </button>
          ))}
        </dd>
        <dt>Opportunities</dt>
        <dd>
          {opportunities.length === 0
            ? '—'
            : opportunities.map((o) => (
                <button
                  key={o.id}
                  className="link-button block"
                  onClick={() => navigate({ view: 'contacts', kind: 'opportunity', id: o.id })}
                >
                  {o.name} ({o.stage})
                </button>
              ))}
        </dd>
        <dt>Cases</dt>
        <dd>
          {cases.length === 0
            ? '—'
            : cases.map((c) => (
                <button
                  key={c.id}
                  className="link-button block"
                  onClick={() => navigate({ view: 'contacts', kind: 'case', id: c.id })}
                >
                  {c.number}: {c.subject} ({c.status})
                </button>
              ))}
        </dd>
      </dl>
      <CustomerProfile subject={{ accountId: account.id }} />
      <h2>Open tasks</h2>
      <TaskList tasks={openTasks} />
      <h2>Calls</h2>
      <CallTimeline related={{ type: 'account', id: account.id }} />
    </article>
  );
}

import { useState } from 'react';
import { displayName } from '../../../../shared/domain/directory';
import { useQuery } from '../../bridge/use-query';
import { DemoBadge } from '../../ui/Badge';
import { useUi } from '../../state/ui-store';
import { AccountDetail } from './AccountDetail';
import { ContactDetail } from './ContactDetail';
import { RecordDetail } from './RecordDetail';

export function ContactsView() {
  const route = useUi((s) => s.route);
  const navigate = useUi((s) => s.navigate);
  const [search, setSearch] = useState('');
  const list = useQuery('contacts.list', { limit: 500, ...(search.trim() ? { search: search.trim() } : {}) }, [
    'contact',
  ]);

  return (
    <div className="split">
      <section className="list-pane" aria-label="Contacts">
        <h1 className="visually-hidden">Contacts</h1>
        <div className="pane-toolbar">
          <input
            type="search"
            placeholder="Name, company, tag, phone or note"
            aria-label="Search contacts"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <ul className="plain-list" role="list">
          {list.data?.items.map((c) => (
            <li key={c.id}>
              <button
                className={`contact-row${route.id === c.id ? ' selected' : ''}`}
                onClick={() => navigate({ view: 'contacts', kind: 'contact', id: c.id })}
              >
                <span className="avatar" aria-hidden="true">
                  {(c.firstName[0] ?? '') + (c.lastName[0] ?? '')}
                </span>
                <span className="call-row-main">
                  {/* On a narrow list the badge goes under the name: cut, it would hide the warning. */}
                  <span className="call-row-title contact-row-title">
                    <span className="contact-row-name">{displayName(c)}</span>
                    {c.doNotContact && <span className="badge dnc">Do not contact</span>}
                  </span>
                  <span className="call-row-sub">{[c.title, c.accountName].filter(Boolean).join(' · ')}</span>
                </span>
                {/* Beside the name, not in it: the name stays the contact's name. */}
                {c.isDemo && <DemoBadge />}
              </button>
            </li>
          ))}
        </ul>
        <footer className="pane-footer">{list.data ? `${list.data.total} contacts` : 'Loading…'}</footer>
      </section>
      <section className="detail-pane" aria-label="Contact detail">
        {route.id && route.kind === 'account' && <AccountDetail id={route.id} />}
        {route.id && (route.kind ?? 'contact') === 'contact' && <ContactDetail id={route.id} />}
        {route.id && (route.kind === 'lead' || route.kind === 'opportunity' || route.kind === 'case') && (
          <RecordDetail kind={route.kind} id={route.id} />
        )}
        {!route.id && <p className="empty">Select a contact.</p>}
      </section>
    </div>
  );
}

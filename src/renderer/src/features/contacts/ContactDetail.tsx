import { useState } from 'react';
import { displayName } from '../../../../shared/domain/directory';
import { useQuery } from '../../bridge/use-query';
import { DemoBadge } from '../../ui/Badge';
import { formatDate } from '../../ui/format';
import { useUi } from '../../state/ui-store';
import { NewCallSheet } from '../calls/NewCallSheet';
import { NoteList } from '../calls/NoteList';
import '../calls/notes.css';
import { CustomerProfile } from '../customers/CustomerProfile';
import { PhoneLink } from '../line/PhoneLink';
import { TagEditor } from '../tags/TagEditor';
import { EditContactSheet } from './EditContactSheet';
import { CallTimeline, TaskList } from './Timeline';
import { ContactMessages } from '../sms/ContactMessages';
import { useSms } from '../sms/sms-store';

export function ContactDetail({ id }: { id: string }) {
  const detail = useQuery('contacts.get', { id }, ['contact', 'call', 'task', 'account', 'note']);
  const navigate = useUi((s) => s.navigate);
  const [planning, setPlanning] = useState(false);
  const [editing, setEditing] = useState(false);
  const compose = useSms((s) => s.compose);
  if (detail.error) return <p className="error-text">{detail.error.message}</p>;
  if (!detail.data) return <p className="empty">Loading…</p>;
  const { contact, account, openTasks, notes } = detail.data;

  return (
    <article className="detail" aria-label={`Contact: ${displayName(contact)}`}>
      <header className="detail-header">
        <span className="avatar large" aria-hidden="true">
          {(contact.firstName[0] ?? '') + (contact.lastName[0] ?? '')}
        </span>
        <div>
          <h1>{displayName(contact)}</h1>
          {contact.isDemo && <DemoBadge />}
          <p className="muted">
            {contact.title}
            {account && (
              <>
                {contact.title ? ' at ' : ''}
                <button
                  className="link-button"
                  onClick={() => navigate({ view: 'contacts', kind: 'account', id: account.id })}
                >
                  {account.name}
                </button>
              </>
            )}
          </p>
        </div>
      </header>
      {contact.doNotContact && (
        <p className="warning" role="note">
          <strong>Do not contact.</strong> {contact.doNotContactReason ?? ''}
          {contact.doNotContactSince && (
            <span className="dnc-stamp">
              {' '}
              Since {formatDate(contact.doNotContactSince)}
              {contact.doNotContactBy ? `, set by ${contact.doNotContactBy}` : ''}.
            </span>
          )}
        </p>
      )}
      <div className="actions">
        <button className="primary" onClick={() => setPlanning(true)}>
          Plan a call
        </button>
        <button onClick={() => setEditing(true)}>Edit contact</button>
        <button onClick={() => compose({ related: { type: 'contact', id: contact.id, name: displayName(contact) } })}>
          Send text
        </button>
      </div>
      <dl className="fields">
        <dt>Phones</dt>
        <dd>
          {contact.phones.length === 0
            ? '—'
            : contact.phones.map((p) => (
                <div key={p.e164 + p.kind}>
                  <PhoneLink e164={p.e164} extension={p.extension} contactId={contact.id} />{' '}
                  <span className="muted">{p.kind}</span>
                </div>
              ))}
        </dd>
        <dt>Email</dt>
        <dd>{contact.email || '—'}</dd>
        <dt>Time zone</dt>
        <dd>{contact.timeZone ?? account?.timeZone ?? '—'}</dd>
        <dt>Tags</dt>
        <dd>
          <TagEditor entity="contacts" id={contact.id} label="Contact tags" />
        </dd>
      </dl>
      <CustomerProfile subject={{ contactId: contact.id }} />
      <h2>Open tasks</h2>
      <TaskList tasks={openTasks} />
      <h2>Notes</h2>
      <NoteList notes={notes} empty="No notes about this contact yet." />
      <h2>Messages</h2>
      <ContactMessages related={{ type: 'contact', id: contact.id }} />
      <h2>Calls</h2>
      <CallTimeline related={{ type: 'contact', id: contact.id }} />
      {editing && <EditContactSheet contact={contact} onClose={() => setEditing(false)} />}
      {planning && (
        <NewCallSheet
          contactId={contact.id}
          onClose={() => setPlanning(false)}
          onCreated={(callId) => navigate({ view: 'calls', id: callId })}
        />
      )}
    </article>
  );
}

import { useState } from 'react';
import { appointmentStatuses, describeVisit, type Appointment } from '../../../../shared/domain/appointment';
import { describeWindow, noteCategories, type NoteCategory } from '../../../../shared/domain/customer';
import { call, errorMessage } from '../../bridge/client';
import { useQuery } from '../../bridge/use-query';
import { useUi } from '../../state/ui-store';
import { formatInstant } from '../../ui/format';
import { AddressesSheet } from './AddressesSheet';
import { BookVisitSheet } from './BookVisitSheet';
import { EquipmentSheet } from './EquipmentSheet';
import {
  channelLabel,
  consentText,
  customerSourceLabel,
  customerStatusLabel,
  customerTypeLabel,
  noteCategoryLabel,
  serviceTypeLabel,
  siteName,
  visitStatusLabel,
} from './labels';
import { PreferencesSheet } from './PreferencesSheet';
import { ProfileInfoSheet } from './ProfileInfoSheet';
import { RescheduleVisitSheet } from './RescheduleVisitSheet';
import type { ProfileKey } from './use-save';
import './customers.css';

type Editing = 'info' | 'addresses' | 'equipment' | 'preferences' | 'visit' | null;

/**
 * The customer profile on a contact's or an account's page: every part shown, each with its
 * own sheet. Visits are booked for a contact, so an account's profile has none of its own.
 */
export function CustomerProfile({ subject }: { subject: ProfileKey }) {
  const profile = useQuery('customers.get', subject, ['contact', 'account', 'appointment', 'note', 'call']);
  const [editing, setEditing] = useState<Editing>(null);
  const close = () => setEditing(null);
  if (!profile.data) return null;
  const { profile: parts, appointments, stats, notes } = profile.data;
  const info = parts.customer;
  const isContact = 'contactId' in subject;
  const siteOf = (addressId: string | null | undefined) => parts.addresses.find((a) => a.id === addressId);
  const showSites = parts.equipment.some((e) => siteOf(e.addressId));

  return (
    <section className="customer-profile" aria-labelledby="customer-profile-title">
      <h2 id="customer-profile-title">Customer profile</h2>
      {!info ? (
        <p>
          Not a customer yet. <button onClick={() => setEditing('info')}>Make a customer</button>
        </p>
      ) : (
        <>
          <div className="actions">
            <button onClick={() => setEditing('info')}>Edit profile</button>
            <button onClick={() => setEditing('addresses')}>{isContact ? 'Edit addresses' : 'Edit sites'}</button>
            <button onClick={() => setEditing('equipment')}>Edit equipment</button>
            <button onClick={() => setEditing('preferences')}>Edit preferences</button>
            {isContact && (
              <button className="primary" onClick={() => setEditing('visit')}>
                Book a visit
              </button>
            )}
          </div>
          <dl className="fields" aria-label="Customer">
            <dt>Type</dt>
            <dd>{customerTypeLabel[info.type]}</dd>
            <dt>Status</dt>
            <dd>{customerStatusLabel[info.status]}</dd>
            <dt>Source</dt>
            <dd>{customerSourceLabel[info.source]}</dd>
            <dt>Customer since</dt>
            <dd>{info.customerSince ?? '—'}</dd>
            <dt>Inactive since</dt>
            <dd>{info.inactiveSince ?? '—'}</dd>
            <dt>{isContact ? 'Calls' : 'Calls (all contacts)'}</dt>
            <dd>
              {stats.calls} ({stats.answered} answered)
            </dd>
            <dt>First contact</dt>
            <dd>{formatInstant(stats.firstContactAt)}</dd>
            <dt>Last contact</dt>
            <dd>{formatInstant(stats.lastContactAt)}</dd>
          </dl>
          <h3>{isContact ? 'Addresses' : 'Sites'}</h3>
          {parts.addresses.length === 0 ? (
            <p className="muted">No address yet.</p>
          ) : (
            <ul className="profile-list" aria-label="Addresses">
              {parts.addresses.map((a) => (
                <li key={a.id}>
                  <strong>{a.label || 'Address'}</strong>
                  {a.primary && <span className="tag">primary</span>}
                  <div>{[a.line1, a.line2, a.city, a.region, a.postalCode].filter(Boolean).join(', ')}</div>
                  {a.accessNotes && <div className="access-notes">Access: {a.accessNotes}</div>}
                </li>
              ))}
            </ul>
          )}
          <h3>Equipment</h3>
          {parts.equipment.length === 0 ? (
            <p className="muted">No equipment recorded.</p>
          ) : (
            // A narrow pane (a laptop screen) folds brand and model under the kind and the two
            // dates into one column (customers.css), so the table fits without scrolling;
            // focusable so a keyboard can still scroll it if a long word does not fit.
            <div className="profile-table-wrap" tabIndex={0} role="region" aria-label="Equipment, scrollable">
              <table className="profile-table" aria-label="Equipment">
                <thead>
                  <tr>
                    <th scope="col">
                      <span className="wide-only">Kind</span>
                      <span className="narrow-only">Equipment</span>
                    </th>
                    <th scope="col" className="wide-only">
                      Brand
                    </th>
                    <th scope="col" className="wide-only">
                      Model
                    </th>
                    {showSites && <th scope="col">Site</th>}
                    <th scope="col">
                      <span className="wide-only">Installed</span>
                      <span className="narrow-only">Dates</span>
                    </th>
                    <th scope="col" className="wide-only">
                      Last serviced
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {parts.equipment.map((e) => {
                    const site = siteOf(e.addressId);
                    return (
                      <tr key={e.id}>
                        <td>
                          {e.kind}
                          <div className="narrow-only muted">{[e.brand || '—', e.model || '—'].join(' · ')}</div>
                        </td>
                        <td className="wide-only">{e.brand || '—'}</td>
                        <td className="wide-only">{e.model || '—'}</td>
                        {showSites && <td>{site ? siteName(site) : '—'}</td>}
                        <td className="date">
                          <span className="narrow-only">Installed </span>
                          {e.installedOn ?? '—'}
                          <div className="narrow-only">Serviced {e.lastServicedOn ?? '—'}</div>
                        </td>
                        <td className="date wide-only">{e.lastServicedOn ?? '—'}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <h3>Preferences</h3>
          <dl className="fields" aria-label="Preferences">
            <dt>Preferred channel</dt>
            <dd>{parts.preferences.channel ? channelLabel[parts.preferences.channel] : 'No preference'}</dd>
            <dt>Call windows</dt>
            <dd>{parts.preferences.windows.map(describeWindow).join('; ') || 'Any time in calling hours'}</dd>
            <dt>Language</dt>
            <dd>{parts.preferences.language || '—'}</dd>
            <dt>Consent</dt>
            <dd>
              {consentText(parts.preferences.consent)}
              {parts.preferences.consent.recordedOn ? ` (recorded ${parts.preferences.consent.recordedOn})` : ''}
            </dd>
          </dl>
          {isContact && (
            <>
              <h3>Visits</h3>
              <VisitList visits={appointments} />
            </>
          )}
          <h3>Customer notes</h3>
          <CategorizedNotes subject={subject} notes={notes} />
        </>
      )}
      {editing === 'info' && <ProfileInfoSheet subject={subject} info={info} onClose={close} />}
      {editing === 'addresses' && <AddressesSheet subject={subject} addresses={parts.addresses} onClose={close} />}
      {editing === 'equipment' && (
        <EquipmentSheet subject={subject} equipment={parts.equipment} addresses={parts.addresses} onClose={close} />
      )}
      {editing === 'preferences' && (
        <PreferencesSheet subject={subject} preferences={parts.preferences} onClose={close} />
      )}
      {editing === 'visit' && 'contactId' in subject && (
        <BookVisitSheet contactId={subject.contactId} callId={null} onClose={close} />
      )}
    </section>
  );
}

function VisitList({ visits }: { visits: Appointment[] }) {
  const toast = useUi((s) => s.toast);
  const [moving, setMoving] = useState<Appointment | null>(null);
  if (visits.length === 0) return <p className="muted">No visits booked.</p>;
  return (
    <>
      <ul className="profile-list" aria-label="Visits">
        {visits.map((v) => (
          <li key={v.id} className="visit-row">
            <div>
              <strong>{describeVisit(v)}</strong> · {serviceTypeLabel[v.serviceType]}
              {v.address && <div className="muted">{[v.address.line1, v.address.city].filter(Boolean).join(', ')}</div>}
              {v.technicianNotes && <div className="muted">Technician: {v.technicianNotes}</div>}
              {v.rescheduledFrom && (
                <div className="muted">
                  Moved from {describeVisit(v.rescheduledFrom)}
                  {v.rescheduleReason && `: ${v.rescheduleReason}`}
                </div>
              )}
            </div>
            <div className="visit-actions">
              {v.status === 'scheduled' && (
                <button type="button" onClick={() => setMoving(v)}>
                  Reschedule<span className="visually-hidden"> the visit on {v.date}</span>
                </button>
              )}
              <label>
                <span className="visually-hidden">Status of the visit on {v.date}</span>
                <select
                  value={v.status}
                  onChange={(e) =>
                    call('appointments.setStatus', { id: v.id, status: e.target.value as Appointment['status'] }).catch(
                      (err: unknown) => toast('error', errorMessage(err)),
                    )
                  }
                >
                  {appointmentStatuses.map((s) => (
                    <option key={s} value={s}>
                      {visitStatusLabel[s]}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          </li>
        ))}
      </ul>
      {moving && <RescheduleVisitSheet visit={moving} onClose={() => setMoving(null)} />}
    </>
  );
}

function CategorizedNotes(props: {
  subject: ProfileKey;
  notes: { id: string; body: string; category: NoteCategory; createdAt: string }[];
}) {
  const toast = useUi((s) => s.toast);
  const [body, setBody] = useState('');
  const [category, setCategory] = useState<NoteCategory>('general');
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <form
        className="note-form"
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          call('customers.addNote', { ...props.subject, body, category }).then(
            () => {
              setBody('');
              toast('info', 'Note added.');
            },
            (err: unknown) => setError(errorMessage(err)),
          );
        }}
      >
        <label>
          Category
          <select value={category} onChange={(e) => setCategory(e.target.value as NoteCategory)}>
            {noteCategories.map((c) => (
              <option key={c} value={c}>
                {noteCategoryLabel[c]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Note about the customer
          <textarea rows={2} value={body} onChange={(e) => setBody(e.target.value)} />
        </label>
        <button type="submit">Add note</button>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
      </form>
      {props.notes.length === 0 ? (
        <p className="muted">No notes about this customer yet.</p>
      ) : (
        <ul className="profile-list" aria-label="Customer notes">
          {props.notes.map((n) => (
            <li key={n.id}>
              <span className="tag">{noteCategoryLabel[n.category]}</span> {n.body}{' '}
              <span className="muted small">{formatInstant(n.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

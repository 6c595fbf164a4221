import { useState, type FormEvent } from 'react';
import type { CallDirection } from '../../../../shared/domain/call';
import { call, errorMessage } from '../../bridge/client';
import { useQuery } from '../../bridge/use-query';
import { Sheet } from '../../ui/Sheet';
import { toLocalInput } from '../../ui/format';
import { ContactPicker, type PickedContact } from './ContactPicker';

/** Plans a call with a contact: subject, direction, and when, in a named time zone. */
export function NewCallSheet(props: { onClose: () => void; onCreated: (id: string) => void; contactId?: string }) {
  const settings = useQuery('settings.get', {}, ['settings']);
  const defaultZone = settings.data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const inAnHour = toLocalInput(new Date(Date.now() + 3600_000).toISOString(), defaultZone).slice(0, 14) + '00';
  const [subject, setSubject] = useState('');
  const [direction, setDirection] = useState<CallDirection>('Outbound');
  const [contact, setContact] = useState<PickedContact | null>(null);
  const [when, setWhen] = useState(inAnHour);
  const [zone, setZone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const effectiveZone = zone ?? contact?.timeZone ?? defaultZone;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await call('calls.create', {
        direction,
        subject,
        status: 'Planned',
        plannedStart: { local: when, zone: effectiveZone },
        related: contact ? { type: 'contact', id: contact.id, name: contact.name } : null,
        participants: contact ? [{ kind: 'contact', id: contact.id, role: 'attendee', name: contact.name }] : [],
        toNumber: direction === 'Outbound' ? (contact?.phone ?? null) : null,
        fromNumber: direction === 'Inbound' ? (contact?.phone ?? null) : null,
      });
      props.onCreated(created.id);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Sheet title="New call" onClose={props.onClose}>
      <form className="form" onSubmit={submit}>
        <label>
          Subject
          <input value={subject} onChange={(e) => setSubject(e.target.value)} required maxLength={500} />
        </label>
        <fieldset className="segmented">
          <legend>Direction</legend>
          {(['Outbound', 'Inbound'] as const).map((d) => (
            <label key={d} className={direction === d ? 'active' : ''}>
              <input type="radio" name="direction" checked={direction === d} onChange={() => setDirection(d)} />
              {d}
            </label>
          ))}
        </fieldset>
        <ContactPicker value={contact} onChange={setContact} initialContactId={props.contactId} />
        <label>
          Planned for
          <input type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} required />
        </label>
        <label>
          Time zone
          <input
            value={effectiveZone}
            onChange={(e) => setZone(e.target.value)}
            list="time-zones"
            aria-describedby="zone-hint"
          />
          <span id="zone-hint" className="hint">
            {contact?.timeZone && !zone ? `${contact.name}’s zone` : 'IANA name, e.g. Europe/Berlin'}
          </span>
        </label>
        <datalist id="time-zones">
          {Intl.supportedValuesOf('timeZone').map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Plan call
          </button>
        </div>
      </form>
    </Sheet>
  );
}

import { useState, type FormEvent } from 'react';
import type { CallDirection } from '../../../../shared/domain/call';
import { planCallStart } from '../../../../shared/domain/planned-time';
import { call, errorMessage } from '../../bridge/client';
import { useQuery } from '../../bridge/use-query';
import { Sheet } from '../../ui/Sheet';
import { toLocalInput } from '../../ui/format';
import { LimitedTextInput, overLimit } from '../../ui/LimitedTextInput';
import { ContactPicker, type PickedContact } from './ContactPicker';

/** The create schema's bound (CreateCallInput.subject). */
const SUBJECT_MAX = 500;

function plannedNote(planned: ReturnType<typeof planCallStart> | null): string | null {
  if (!planned) return null;
  return planned.ok ? planned.value.notice : planned.error.message;
}

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
  // The shared rule, as the agent types: a skipped hour, a typo year or an unknown zone
  // is said here, before saving (the core checks the same rule again).
  const planned = when ? planCallStart(when, effectiveZone, Date.now()) : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (overLimit(subject, SUBJECT_MAX)) {
      setError(`The subject can be at most ${SUBJECT_MAX} characters; shorten it to save.`);
      return;
    }
    if (planned && !planned.ok) {
      setError(planned.error.message);
      return;
    }
    setBusy(true);
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
        <LimitedTextInput label="Subject" value={subject} max={SUBJECT_MAX} onChange={setSubject} required />
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
          <input
            type="datetime-local"
            value={when}
            onChange={(e) => setWhen(e.target.value)}
            required
            aria-describedby="planned-note"
          />
        </label>
        <p
          id="planned-note"
          className={planned?.ok === false ? 'warning' : 'notice'}
          role="status"
          hidden={!plannedNote(planned)}
        >
          {plannedNote(planned)}
        </p>
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

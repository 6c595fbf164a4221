import { useState, type FormEvent } from 'react';
import type { CallDirection, Participant } from '../../../../shared/domain/call';
import { planCallStart } from '../../../../shared/domain/planned-time';
import { call, errorMessage } from '../../bridge/client';
import { useQuery } from '../../bridge/use-query';
import { Sheet } from '../../ui/Sheet';
import { toLocalInput } from '../../ui/format';
import { LimitedTextInput, overLimit } from '../../ui/LimitedTextInput';
import { ReminderChoices } from '../reminders/ReminderChoices';
import { PlannedTimeFields } from '../schedule/PlannedTimeFields';
import { ContactPicker, type PickedContact } from './ContactPicker';
import { ParticipantPicker } from './ParticipantPicker';
import './call-record.css';
import { FormFooter } from '../../ui/FormFooter';

/** The create schema's bound (CreateCallInput.subject). */
const SUBJECT_MAX = 500;

/**
 * The scheduling sheet: subject, direction, the contact, when (date, time and zone, the
 * customer's zone first, both clocks shown), reminders, and who else takes part.
 */
export function NewCallSheet(props: { onClose: () => void; onCreated: (id: string) => void; contactId?: string }) {
  const settings = useQuery('settings.get', {}, ['settings']);
  const agentZone = settings.data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const inAnHour = toLocalInput(new Date(Date.now() + 3600_000).toISOString(), agentZone).slice(0, 14) + '00';
  const [subject, setSubject] = useState('');
  const [direction, setDirection] = useState<CallDirection>('Outbound');
  const [contact, setContact] = useState<PickedContact | null>(null);
  const [when, setWhen] = useState(inAnHour);
  const [zone, setZone] = useState<string | null>(null);
  const [reminders, setReminders] = useState<number[]>([15]);
  const [others, setOthers] = useState<Participant[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The customer's zone is offered first: until the agent picks one, the plan is in theirs.
  const effectiveZone = zone ?? contact?.timeZone ?? agentZone;
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
      const them: Participant[] =
        contact && !others.some((p) => p.id === contact.id)
          ? [{ kind: 'contact', id: contact.id, role: 'attendee', name: contact.name }]
          : [];
      const created = await call('calls.create', {
        direction,
        subject,
        status: 'Planned',
        plannedStart: { local: when, zone: effectiveZone },
        related: contact ? { type: 'contact', id: contact.id, name: contact.name } : null,
        participants: [...them, ...others],
        toNumber: direction === 'Outbound' ? (contact?.phone ?? null) : null,
        fromNumber: direction === 'Inbound' ? (contact?.phone ?? null) : null,
        reminders,
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
        <PlannedTimeFields
          value={{ local: when, zone: effectiveZone }}
          onChange={(next) => {
            setWhen(next.local);
            if (next.zone !== effectiveZone) setZone(next.zone);
          }}
          agentZone={agentZone}
          customerZone={contact?.timeZone ?? null}
          customerName={contact?.name ?? null}
        />
        <ReminderChoices value={reminders} onChange={setReminders} />
        <ParticipantPicker value={others} onChange={setOthers} />
        <FormFooter error={error} busy={busy} onBack={props.onClose} backLabel="Cancel" submitLabel="Plan call" />
      </form>
    </Sheet>
  );
}

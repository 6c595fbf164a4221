import { useState } from 'react';
import { describeVisit, type Appointment } from '../../../../shared/domain/appointment';
import { call } from '../../bridge/client';
import { useQuery } from '../../bridge/use-query';
import { FormFooter } from '../../ui/FormFooter';
import { Sheet } from '../../ui/Sheet';
import { useSave } from './use-save';

/**
 * Moves a scheduled visit to a new date and arrival window on the customer's clock, with
 * an optional reason; the visit keeps the slot it leaves, which the profile shows.
 */
export function RescheduleVisitSheet(props: { visit: Appointment; onClose: () => void }) {
  const { visit } = props;
  const profile = useQuery('customers.get', { contactId: visit.contactId }, ['contact']);
  const [date, setDate] = useState(visit.date);
  const [from, setFrom] = useState(visit.windowFrom);
  const [until, setUntil] = useState(visit.windowUntil);
  const [reason, setReason] = useState('');
  const { error, saving, submit } = useSave(props.onClose, 'Visit moved.');

  return (
    <Sheet title="Reschedule the visit" onClose={props.onClose}>
      <form
        className="form"
        onSubmit={submit(() =>
          call('appointments.reschedule', { id: visit.id, date, windowFrom: from, windowUntil: until, reason }),
        )}
      >
        <p className="muted small">
          Now {describeVisit(visit)}. Times are the customer’s ({profile.data?.zone ?? visit.timeZone}).
        </p>
        <label>
          New date
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
        </label>
        <div className="window-fields">
          <label>
            Arrival from
            <input type="time" value={from} onChange={(e) => setFrom(e.target.value)} required />
          </label>
          <label>
            Arrival until
            <input type="time" value={until} onChange={(e) => setUntil(e.target.value)} required />
          </label>
        </div>
        <label>
          Reason (optional)
          <input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
        </label>
        <FormFooter error={error} busy={saving} onBack={props.onClose} backLabel="Cancel" submitLabel="Move visit" />
      </form>
    </Sheet>
  );
}

import { useState } from 'react';
import { serviceTypes } from '../../../../shared/domain/appointment';
import { primaryAddress } from '../../../../shared/domain/customer';
import { call } from '../../bridge/client';
import { useQuery } from '../../bridge/use-query';
import { FormFooter } from '../../ui/FormFooter';
import { Sheet } from '../../ui/Sheet';
import { serviceTypeLabel } from './labels';
import { useSave } from './use-save';

type ServiceType = (typeof serviceTypes)[number];

/**
 * Books a visit (from the call panel, the wrap-up or the profile): a date and arrival
 * window on the customer's clock, at one of their addresses, with notes for the technician.
 */
export function BookVisitSheet(props: { contactId: string; callId: string | null; onClose: () => void }) {
  const profile = useQuery('customers.get', { contactId: props.contactId }, ['contact']);
  const [date, setDate] = useState('');
  const [from, setFrom] = useState('08:00');
  const [until, setUntil] = useState('12:00');
  const [addressId, setAddressId] = useState<string | null>(null);
  const [serviceType, setServiceType] = useState<ServiceType>('repair');
  const [notes, setNotes] = useState('');
  const { error, saving, submit } = useSave(props.onClose, 'Visit booked.');
  const addresses = profile.data?.profile.addresses ?? [];
  const chosenAddress = addressId ?? primaryAddress(addresses)?.id ?? null;

  return (
    <Sheet title="Book a visit" onClose={props.onClose}>
      <form
        className="form"
        onSubmit={submit(() =>
          call('appointments.book', {
            contactId: props.contactId,
            callId: props.callId,
            date,
            windowFrom: from,
            windowUntil: until,
            addressId: chosenAddress,
            serviceType,
            technicianNotes: notes,
          }),
        )}
      >
        <p className="muted small">Times are the customer’s ({profile.data?.zone ?? '…'}).</p>
        <label>
          Date
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
          Address
          <select value={chosenAddress ?? ''} onChange={(e) => setAddressId(e.target.value || null)}>
            {addresses.length === 0 && <option value="">No address on the profile</option>}
            {addresses.map((a) => (
              <option key={a.id} value={a.id}>
                {[a.label, a.line1, a.city].filter(Boolean).join(', ')}
              </option>
            ))}
          </select>
        </label>
        <label>
          Service type
          <select value={serviceType} onChange={(e) => setServiceType(e.target.value as ServiceType)}>
            {serviceTypes.map((t) => (
              <option key={t} value={t}>
                {serviceTypeLabel[t]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Notes for the technician
          <textarea rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </label>
        <FormFooter error={error} busy={saving} onBack={props.onClose} backLabel="Cancel" submitLabel="Book visit" />
      </form>
    </Sheet>
  );
}

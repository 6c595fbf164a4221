import { useState } from 'react';
import {
  customerSources,
  customerStatuses,
  customerTypes,
  type CustomerInfo,
} from '../../../../shared/domain/customer';
import { call } from '../../bridge/client';
import { FormFooter } from '../../ui/FormFooter';
import { Sheet } from '../../ui/Sheet';
import { customerSourceLabel, customerStatusLabel, customerTypeLabel } from './labels';
import { useSave, type ProfileKey } from './use-save';

const empty: CustomerInfo = {
  type: 'residential',
  status: 'active',
  source: 'phone',
  customerSince: null,
  inactiveSince: null,
};

/** Who the customer is to the business: type, status, source and the lifecycle dates. */
export function ProfileInfoSheet(props: { subject: ProfileKey; info: CustomerInfo | null; onClose: () => void }) {
  const [info, setInfo] = useState<CustomerInfo>(props.info ?? empty);
  const { error, saving, submit } = useSave(props.onClose, 'Customer profile saved.');
  const set = (change: Partial<CustomerInfo>) => setInfo({ ...info, ...change });
  return (
    <Sheet title={props.info ? 'Edit customer profile' : 'Make a customer'} onClose={props.onClose}>
      <form className="form" onSubmit={submit(() => call('customers.update', { ...props.subject, customer: info }))}>
        <label>
          Type
          <select value={info.type} onChange={(e) => set({ type: e.target.value as CustomerInfo['type'] })}>
            {customerTypes.map((t) => (
              <option key={t} value={t}>
                {customerTypeLabel[t]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select value={info.status} onChange={(e) => set({ status: e.target.value as CustomerInfo['status'] })}>
            {customerStatuses.map((s) => (
              <option key={s} value={s}>
                {customerStatusLabel[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Source
          <select value={info.source} onChange={(e) => set({ source: e.target.value as CustomerInfo['source'] })}>
            {customerSources.map((s) => (
              <option key={s} value={s}>
                {customerSourceLabel[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Customer since
          <input
            type="date"
            value={info.customerSince ?? ''}
            onChange={(e) => set({ customerSince: e.target.value || null })}
          />
        </label>
        <label>
          Inactive since
          <input
            type="date"
            value={info.inactiveSince ?? ''}
            onChange={(e) => set({ inactiveSince: e.target.value || null })}
          />
        </label>
        <FormFooter error={error} busy={saving} onBack={props.onClose} backLabel="Cancel" submitLabel="Save profile" />
      </form>
    </Sheet>
  );
}

import type { Address } from '../../../../shared/domain/customer';
import { call } from '../../bridge/client';
import { FormFooter } from '../../ui/FormFooter';
import { Sheet } from '../../ui/Sheet';
import { rowId, useRows, useSave, type ProfileKey } from './use-save';

const blank = (primary: boolean): Address => ({
  id: rowId(),
  label: '',
  line1: '',
  line2: '',
  city: '',
  region: '',
  postalCode: '',
  accessNotes: '',
  primary,
});

const textFields = [
  ['label', 'Label (home, office…)'],
  ['line1', 'Street'],
  ['line2', 'Apartment, suite'],
  ['city', 'City'],
  ['region', 'State or region'],
  ['postalCode', 'Postal code'],
] as const;

/**
 * The customer's addresses (an account's sites), each with how to get in; one is the
 * primary (shown in the pop).
 */
export function AddressesSheet(props: { subject: ProfileKey; addresses: Address[]; onClose: () => void }) {
  const { rows, setRows, set, remove, kept } = useRows(
    props.addresses,
    () => blank(true),
    (r) => r.line1.trim() !== '' || r.accessNotes.trim() !== '' || r.city.trim() !== '',
  );
  const { error, saving, submit } = useSave(props.onClose, 'Addresses saved.');
  return (
    <Sheet title={'accountId' in props.subject ? 'Sites' : 'Addresses'} onClose={props.onClose}>
      <form className="form" onSubmit={submit(() => call('customers.update', { ...props.subject, addresses: kept() }))}>
        {rows.map((row, index) => (
          <fieldset key={row.id} className="profile-rows">
            <legend>Address {index + 1}</legend>
            {textFields.map(([field, label]) => (
              <label key={field}>
                {label}
                <input value={row[field]} onChange={(e) => set(row.id, { [field]: e.target.value })} />
              </label>
            ))}
            <label>
              Access notes (gate code, pets, parking)
              <textarea
                rows={2}
                value={row.accessNotes}
                onChange={(e) => set(row.id, { accessNotes: e.target.value })}
              />
            </label>
            <label className="inline">
              <input
                type="radio"
                name="primary-address"
                checked={row.primary}
                onChange={() => setRows(rows.map((r) => ({ ...r, primary: r.id === row.id })))}
              />
              Primary address
            </label>
            <button type="button" onClick={() => remove(row.id)}>
              Remove address {index + 1}
            </button>
          </fieldset>
        ))}
        <button type="button" onClick={() => setRows([...rows, blank(rows.length === 0)])}>
          Add an address
        </button>
        <FormFooter
          error={error}
          busy={saving}
          onBack={props.onClose}
          backLabel="Cancel"
          submitLabel="Save addresses"
        />
      </form>
    </Sheet>
  );
}

import type { Address, Equipment } from '../../../../shared/domain/customer';
import { call } from '../../bridge/client';
import { FormFooter } from '../../ui/FormFooter';
import { Sheet } from '../../ui/Sheet';
import { siteName } from './labels';
import { rowId, useRows, useSave, type ProfileKey } from './use-save';

const blank = (): Equipment => ({
  id: rowId(),
  kind: '',
  brand: '',
  model: '',
  installedOn: null,
  lastServicedOn: null,
});

/**
 * What is installed at the customer's: kind, brand, model, installed and last serviced,
 * and, once the profile has more than one address (an account's sites), at which one.
 */
export function EquipmentSheet(props: {
  subject: ProfileKey;
  equipment: Equipment[];
  addresses: Address[];
  onClose: () => void;
}) {
  const { rows, set, add, remove, kept } = useRows(
    props.equipment,
    blank,
    (r) => r.kind.trim() !== '' || r.brand.trim() !== '' || r.model.trim() !== '',
  );
  const { error, saving, submit } = useSave(props.onClose, 'Equipment saved.');
  return (
    <Sheet title="Equipment" onClose={props.onClose}>
      <form className="form" onSubmit={submit(() => call('customers.update', { ...props.subject, equipment: kept() }))}>
        {rows.map((row, index) => (
          <fieldset key={row.id} className="profile-rows">
            <legend>Equipment {index + 1}</legend>
            <label>
              Kind (furnace, heat pump…)
              <input value={row.kind} onChange={(e) => set(row.id, { kind: e.target.value })} />
            </label>
            <label>
              Brand
              <input value={row.brand} onChange={(e) => set(row.id, { brand: e.target.value })} />
            </label>
            <label>
              Model
              <input value={row.model} onChange={(e) => set(row.id, { model: e.target.value })} />
            </label>
            {props.addresses.length > 1 && (
              <label>
                Site
                <select
                  value={row.addressId ?? ''}
                  onChange={(e) => set(row.id, { addressId: e.target.value || null })}
                >
                  <option value="">Not at one site</option>
                  {props.addresses.map((a) => (
                    <option key={a.id} value={a.id}>
                      {siteName(a)}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label>
              Installed on
              <input
                type="date"
                value={row.installedOn ?? ''}
                onChange={(e) => set(row.id, { installedOn: e.target.value || null })}
              />
            </label>
            <label>
              Last serviced on
              <input
                type="date"
                value={row.lastServicedOn ?? ''}
                onChange={(e) => set(row.id, { lastServicedOn: e.target.value || null })}
              />
            </label>
            <button type="button" onClick={() => remove(row.id)}>
              Remove equipment {index + 1}
            </button>
          </fieldset>
        ))}
        <button type="button" onClick={add}>
          Add equipment
        </button>
        <FormFooter
          error={error}
          busy={saving}
          onBack={props.onClose}
          backLabel="Cancel"
          submitLabel="Save equipment"
        />
      </form>
    </Sheet>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { displayName } from '../../../../shared/domain/directory';
import { call } from '../../bridge/client';
import { useQuery } from '../../bridge/use-query';
import { formatPhoneForDisplay as formatPhone } from '../../../../shared/domain/phone';

export interface PickedContact {
  id: string;
  name: string;
  phone: string | null;
  timeZone: string | null;
}

/** Type to search the directory's contacts; picking one fetches its phone and zone. */
export function ContactPicker(props: {
  value: PickedContact | null;
  onChange: (contact: PickedContact | null) => void;
  initialContactId?: string;
}) {
  const [query, setQuery] = useState('');
  const hits = useQuery('directory.search', query.trim() ? { query, types: ['contact'] } : null, ['contact']);
  const { onChange, initialContactId } = props;

  const pick = useCallback(
    async (id: string) => {
      const detail = await call('contacts.get', { id });
      onChange({
        id,
        name: displayName(detail.contact),
        phone: detail.contact.phones[0]?.e164 ?? null,
        timeZone: detail.contact.timeZone ?? detail.account?.timeZone ?? null,
      });
      setQuery('');
    },
    [onChange],
  );

  useEffect(() => {
    if (initialContactId) void pick(initialContactId);
  }, [initialContactId, pick]);

  if (props.value) {
    return (
      <div className="picked">
        <span>
          Contact: <strong>{props.value.name}</strong>
          {props.value.phone && <span className="muted"> · {formatPhone(props.value.phone)}</span>}
        </span>
        <button type="button" className="link-button" onClick={() => onChange(null)}>
          Change
        </button>
      </div>
    );
  }
  return (
    <div className="picker">
      <label>
        Contact
        <input
          type="search"
          value={query}
          placeholder="Search by name"
          onChange={(e) => setQuery(e.target.value)}
          aria-autocomplete="list"
        />
      </label>
      {query.trim() && (hits.data?.length ?? 0) > 0 && (
        <ul className="picker-results" role="listbox" aria-label="Matching contacts">
          {hits.data!.map((hit) => (
            <li key={hit.id} role="option" aria-selected="false">
              <button type="button" onClick={() => void pick(hit.id)}>
                <span>{hit.name}</span>
                <span className="muted">{hit.detail}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

import { useState } from 'react';
import type { Participant } from '../../../../shared/domain/call';
import { useQuery } from '../../bridge/use-query';

/**
 * Who takes part in a call: teammates (the company's users), contacts and leads, each
 * an organizer or an attendee. Teammates are listed from the synced directory; contacts
 * and leads are searched by name or number.
 */
export function ParticipantPicker(props: { value: Participant[]; onChange: (next: Participant[]) => void }) {
  const { value, onChange } = props;
  const teammates = useQuery('teammates.list', {}, ['teammate']);
  const [query, setQuery] = useState('');
  const hits = useQuery('directory.search', query.trim() ? { query, types: ['contact', 'lead'] } : null, [
    'contact',
    'lead',
  ]);
  const has = (id: string) => value.some((p) => p.id === id);
  const add = (p: Participant) => {
    if (!has(p.id)) onChange([...value, p]);
    setQuery('');
  };
  const available = (teammates.data?.items ?? []).filter((t) => !has(t.id));

  return (
    <fieldset className="participants">
      <legend>Participants</legend>
      {value.length === 0 && <p className="muted small">Nobody yet.</p>}
      <ul className="participant-list" aria-label="Participants">
        {value.map((p, i) => (
          <li key={p.id}>
            <span>
              {p.name || p.id} <span className="muted">({p.kind === 'user' ? 'teammate' : p.kind})</span>
            </span>
            <select
              aria-label={`Role of ${p.name || p.id}`}
              value={p.role}
              onChange={(e) =>
                onChange(value.map((q, j) => (j === i ? { ...q, role: e.target.value as Participant['role'] } : q)))
              }
            >
              <option value="organizer">Organizer</option>
              <option value="attendee">Attendee</option>
            </select>
            <button
              type="button"
              className="link-button"
              aria-label={`Remove ${p.name || p.id}`}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <label>
        Add a teammate
        <select
          value=""
          onChange={(e) => {
            const t = available.find((x) => x.id === e.target.value);
            if (t) add({ kind: 'user', id: t.id, role: 'attendee', name: t.name });
          }}
        >
          <option value="">{available.length === 0 ? 'No other teammates' : 'Choose…'}</option>
          {available.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Add a contact or lead
        <input
          type="search"
          value={query}
          placeholder="Search by name or number"
          onChange={(e) => setQuery(e.target.value)}
        />
      </label>
      {query.trim() && (hits.data?.length ?? 0) > 0 && (
        <ul className="picker-results" role="listbox" aria-label="Matching contacts and leads">
          {hits.data!.map((hit) => (
            <li key={`${hit.type}:${hit.id}`} role="option" aria-selected="false">
              <button
                type="button"
                onClick={() =>
                  add({ kind: hit.type === 'lead' ? 'lead' : 'contact', id: hit.id, role: 'attendee', name: hit.name })
                }
              >
                <span>
                  {hit.name} <span className="muted">({hit.type})</span>
                </span>
                <span className="muted">{hit.detail}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

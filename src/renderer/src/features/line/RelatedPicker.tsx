import { useState } from 'react';
import type { RelatedRef } from '../../../../shared/domain/call';
import { useQuery } from '../../bridge/use-query';

/** The record a call is about: an account, contact, lead, opportunity or case. */
export function RelatedPicker({
  value,
  onChange,
}: {
  value: RelatedRef | null;
  onChange: (r: RelatedRef | null) => void;
}) {
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState(false);
  const hits = useQuery('directory.search', editing && query.trim() ? { query } : null, []);

  if (!editing) {
    return (
      <div className="picked">
        <span>
          {value ? (
            <>
              <strong>{value.name || value.id}</strong> <span className="muted">({value.type})</span>
            </>
          ) : (
            <span className="muted">No related record</span>
          )}
        </span>
        <button type="button" className="link-button" onClick={() => setEditing(true)}>
          Change
        </button>
      </div>
    );
  }
  return (
    <div className="picker">
      <input
        type="search"
        autoFocus
        aria-label="Search accounts, contacts, leads, opportunities, cases"
        placeholder="Search accounts, contacts, opportunities, cases…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <ul className="picker-results" role="listbox" aria-label="Matching records">
        {(hits.data ?? []).map((hit) => (
          <li key={`${hit.type}:${hit.id}`} role="option" aria-selected="false">
            <button
              type="button"
              onClick={() => {
                onChange({ type: hit.type, id: hit.id, name: hit.name });
                setEditing(false);
              }}
            >
              <span>
                {hit.name} <span className="muted">({hit.type})</span>
              </span>
              <span className="muted">{hit.detail}</span>
            </button>
          </li>
        ))}
        <li>
          <button type="button" onClick={() => setEditing(false)}>
            Keep {value ? value.name || value.type : 'none'}
          </button>
        </li>
      </ul>
    </div>
  );
}

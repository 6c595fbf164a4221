import { useEffect, useState } from 'react';
import type { CallTableFilter } from '../../../../../shared/api/call-table';
import { callStatusLabel, CallStatus } from '../../../../../shared/domain/call';
import { useQuery } from '../../../bridge/use-query';
import { useCallTable } from './table-store';

/**
 * A text box that shows what the agent types at once and hands it on as they type (the
 * store saves it once typing pauses); a value changed from elsewhere (a view applied,
 * filters cleared) replaces what it shows.
 */
function FilterText(props: {
  label: string;
  placeholder: string;
  type?: string;
  value: string | undefined;
  onChange: (v: string) => void;
  title?: string;
}) {
  const [text, setText] = useState(props.value ?? '');
  useEffect(() => setText(props.value ?? ''), [props.value]);
  return (
    <input
      type={props.type ?? 'text'}
      aria-label={props.label}
      title={props.title}
      placeholder={props.placeholder}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        props.onChange(e.target.value);
      }}
    />
  );
}

const yesNo = (value: boolean | undefined) => (value === undefined ? '' : value ? 'yes' : 'no');
const fromYesNo = (value: string) => (value === '' ? undefined : value === 'yes');

/** Every filter of the calls table; each change is the table's filter object at once. */
export function FilterBar({ filter }: { filter: CallTableFilter }) {
  const setFilter = useCallTable((s) => s.setFilter);
  const clearFilter = useCallTable((s) => s.clearFilter);
  const teammates = useQuery('teammates.list', {}, ['teammate']);
  const info = useQuery('app.info', {}, []);
  const dispositions = useQuery('calls.dispositions', {}, ['settings']);
  const active = Object.keys(filter).length;

  return (
    <div className="filter-bar" role="group" aria-label="Filter calls">
      <FilterText
        type="search"
        label="Search calls"
        placeholder="Search calls"
        title="Search by subject, outcome, name, note or any part of a phone number"
        value={filter.search}
        onChange={(search) => setFilter({ search })}
      />
      <FilterText
        label="Number"
        placeholder="Number"
        title="A phone number in any format, or three digits or more of one"
        value={filter.number}
        onChange={(number) => setFilter({ number })}
      />
      <select
        aria-label="Direction"
        value={filter.direction ?? ''}
        onChange={(e) => setFilter({ direction: (e.target.value || undefined) as CallTableFilter['direction'] })}
      >
        <option value="">Any direction</option>
        <option value="Inbound">Inbound</option>
        <option value="Outbound">Outbound</option>
      </select>
      <select
        aria-label="Status"
        value={filter.status?.[0] ?? ''}
        onChange={(e) => setFilter({ status: e.target.value ? [e.target.value as CallStatus] : undefined })}
      >
        <option value="">Any status</option>
        {CallStatus.options.map((s) => (
          <option key={s} value={s}>
            {callStatusLabel[s]}
          </option>
        ))}
      </select>
      <select
        aria-label="Disposition"
        value={filter.disposition?.[0] ?? ''}
        onChange={(e) => setFilter({ disposition: e.target.value ? [e.target.value] : undefined })}
      >
        <option value="">Any disposition</option>
        {(dispositions.data?.items ?? []).map((d) => (
          <option key={d.code} value={d.code}>
            {d.label}
          </option>
        ))}
      </select>
      <select
        aria-label="Owner"
        value={filter.ownerId ?? ''}
        onChange={(e) => setFilter({ ownerId: e.target.value || undefined })}
      >
        <option value="">Anyone’s</option>
        {info.data && <option value={info.data.userId}>Mine</option>}
        {(teammates.data?.items ?? [])
          .filter((t) => t.id !== info.data?.userId)
          .map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
      </select>
      <label className="filter-date">
        From
        <input
          type="date"
          value={filter.fromDate ?? ''}
          onChange={(e) => setFilter({ fromDate: e.target.value || undefined })}
        />
      </label>
      <label className="filter-date">
        To
        <input
          type="date"
          value={filter.toDate ?? ''}
          onChange={(e) => setFilter({ toDate: e.target.value || undefined })}
        />
      </label>
      <select
        aria-label="Recording"
        value={yesNo(filter.hasRecording)}
        onChange={(e) => setFilter({ hasRecording: fromYesNo(e.target.value) })}
      >
        <option value="">Recording or not</option>
        <option value="yes">With a recording</option>
        <option value="no">Without a recording</option>
      </select>
      <label className="filter-check">
        <input
          type="checkbox"
          checked={filter.needsDisposition ?? false}
          onChange={(e) => setFilter({ needsDisposition: e.target.checked || undefined })}
        />
        Needs disposition
      </label>
      {/* The tag filter (issue 13, tags) goes here. */}
      <button type="button" onClick={clearFilter} disabled={active === 0}>
        Clear filters{active > 0 ? ` (${active})` : ''}
      </button>
    </div>
  );
}

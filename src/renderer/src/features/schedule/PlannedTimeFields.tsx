import { useId } from 'react';
import { planCallStart } from '../../../../shared/domain/planned-time';
import { localTimeIn } from '../../../../shared/domain/time';

/** When a call is planned, as the form holds it: the wall-clock time typed and its zone. */
export interface PlannedChoice {
  local: string;
  zone: string;
}

const allZones = Intl.supportedValuesOf('timeZone');

function dayAndClock(zone: string, utc: string): string {
  const shown = localTimeIn(zone, utc);
  const day = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' }).format(
    new Date(`${shown.local.slice(0, 10)}T12:00:00Z`),
  );
  return `${day}, ${shown.label}`;
}

/**
 * Date and time in a named zone. The customer's zone is offered first (the time is
 * usually agreed in theirs), the agent's next; both clocks are shown for the time typed,
 * and the shared planning rule's sentence (a skipped or doubled hour, a typo year, an
 * unknown zone) appears as the agent types.
 */
export function PlannedTimeFields(props: {
  value: PlannedChoice;
  onChange: (next: PlannedChoice) => void;
  agentZone: string;
  customerZone?: string | null;
  customerName?: string | null;
  label?: string;
}) {
  const { value, onChange, agentZone, customerZone } = props;
  const id = useId();
  const planned = value.local ? planCallStart(value.local, value.zone, Date.now()) : null;
  const note = planned ? (planned.ok ? planned.value.notice : planned.error.message) : null;
  const zones = [...new Set([customerZone, agentZone].filter((z): z is string => !!z))];
  const theirs = customerZone ?? null;
  return (
    <div className="planned-time">
      <label>
        {props.label ?? 'Planned for'}
        <input
          type="datetime-local"
          value={value.local}
          onChange={(e) => onChange({ ...value, local: e.target.value })}
          required
          aria-describedby={`${id}-note`}
        />
      </label>
      <p id={`${id}-note`} className={planned?.ok === false ? 'warning' : 'notice'} role="status" hidden={!note}>
        {note}
      </p>
      <label>
        Time zone
        <input
          value={value.zone}
          onChange={(e) => onChange({ ...value, zone: e.target.value })}
          list={`${id}-zones`}
          aria-describedby={`${id}-zone-hint`}
        />
        <span id={`${id}-zone-hint`} className="hint">
          {theirs && value.zone === theirs
            ? `${props.customerName ? `${props.customerName}’s` : 'The customer’s'} zone`
            : 'IANA name, e.g. Europe/Berlin'}
        </span>
      </label>
      {zones.length > 1 && (
        <div className="chips" role="group" aria-label="Zone shortcuts">
          {zones.map((z) => (
            <button
              type="button"
              key={z}
              className={`chip${value.zone === z ? ' active' : ''}`}
              aria-pressed={value.zone === z}
              onClick={() => onChange({ ...value, zone: z })}
            >
              {z === theirs ? 'Their zone' : 'Your zone'}: {z}
            </button>
          ))}
        </div>
      )}
      <datalist id={`${id}-zones`}>
        {[...zones, ...allZones.filter((z) => !zones.includes(z))].map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      {planned?.ok && (
        <dl className="clocks" aria-label="Local times">
          <dt>Your time</dt>
          <dd data-testid="agent-local-time">{dayAndClock(agentZone, planned.value.plannedStart.utc)}</dd>
          {theirs && (
            <>
              <dt>{props.customerName ? `${props.customerName}’s time` : 'Their time'}</dt>
              <dd data-testid="customer-local-time">{dayAndClock(theirs, planned.value.plannedStart.utc)}</dd>
            </>
          )}
        </dl>
      )}
    </div>
  );
}

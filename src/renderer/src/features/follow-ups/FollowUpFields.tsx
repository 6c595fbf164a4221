import type { FollowUpPreset } from '../../../../shared/api/wrap-up';
import { resolveLocalDateTime } from '../../../../shared/domain/time';

/** A follow-up as a form holds it: a preset, or a date and time typed in the agent's zone. */
export interface FollowUpChoice {
  subject: string;
  preset: FollowUpPreset | null;
  /** `YYYY-MM-DDTHH:mm` in the agent's zone, when no preset is chosen. */
  local: string;
}

export const followUpPresets: { value: FollowUpPreset; label: string }[] = [
  { value: 'in30m', label: 'In 30 minutes' },
  { value: 'in2h', label: 'In 2 hours' },
  { value: 'tomorrow9', label: 'Tomorrow 9:00' },
];

/** What the core's FollowUp schema takes; null when no date is given yet. */
export function followUpInput(choice: FollowUpChoice, zone: string) {
  if (choice.preset) return { subject: choice.subject, preset: choice.preset };
  if (!choice.local) return null;
  return { subject: choice.subject, dueAt: resolveLocalDateTime(choice.local, zone) };
}

/** Subject, presets (30 min, 2 h, tomorrow 9:00) or any date and time. */
export function FollowUpFields(props: {
  value: FollowUpChoice;
  onChange: (next: FollowUpChoice) => void;
  /** The agent's zone, in which a typed due time is read. */
  zone: string;
  /** Where "tomorrow 9:00" is counted (the customer's zone). */
  customerZone?: string;
}) {
  const { value, onChange } = props;
  return (
    <div className="follow-up">
      <label>
        Task
        <input value={value.subject} onChange={(e) => onChange({ ...value, subject: e.target.value })} required />
      </label>
      <div className="chips" role="group" aria-label="Due">
        {followUpPresets.map((p) => (
          <button
            type="button"
            key={p.value}
            className={`chip${value.preset === p.value ? ' active' : ''}`}
            aria-pressed={value.preset === p.value}
            onClick={() => onChange({ ...value, preset: p.value })}
          >
            {p.label}
          </button>
        ))}
        <button
          type="button"
          className={`chip${value.preset === null ? ' active' : ''}`}
          aria-pressed={value.preset === null}
          onClick={() => onChange({ ...value, preset: null })}
        >
          Pick a date
        </button>
      </div>
      {value.preset === 'tomorrow9' && props.customerZone && <p className="hint">9:00 in {props.customerZone}</p>}
      {value.preset === null && (
        <label>
          Due <span className="muted">({props.zone})</span>
          <input
            type="datetime-local"
            value={value.local}
            onChange={(e) => onChange({ ...value, local: e.target.value })}
            required
          />
        </label>
      )}
    </div>
  );
}

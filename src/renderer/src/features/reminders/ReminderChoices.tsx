import { useState } from 'react';
import { REMINDER_PRESETS, reminderLabel } from '../../../../shared/domain/reminder-rules';

/** Longest custom reminder the core accepts (ReminderOffset): two weeks. */
const MAX_MINUTES = 60 * 24 * 14;

/**
 * One or more reminders before a planned call: at the time, 5, 15, 30 minutes, 1 hour,
 * 1 day before, or a custom number of minutes. They go to the owner and every teammate
 * taking part.
 */
export function ReminderChoices(props: { value: number[]; onChange: (offsets: number[]) => void }) {
  const { value, onChange } = props;
  const [custom, setCustom] = useState('');
  const toggle = (offset: number) =>
    onChange(value.includes(offset) ? value.filter((o) => o !== offset) : [...value, offset].sort((a, b) => a - b));
  const customMinutes = Number(custom);
  const customOk =
    custom !== '' && Number.isInteger(customMinutes) && customMinutes >= 0 && customMinutes <= MAX_MINUTES;
  const shown = [...new Set([...REMINDER_PRESETS, ...value])].sort((a, b) => a - b);
  return (
    <fieldset className="reminder-choices">
      <legend>Reminders</legend>
      <div className="chips" role="group" aria-label="Remind me">
        {shown.map((offset) => (
          <button
            type="button"
            key={offset}
            className={`chip${value.includes(offset) ? ' active' : ''}`}
            aria-pressed={value.includes(offset)}
            onClick={() => toggle(offset)}
          >
            {reminderLabel(offset)}
          </button>
        ))}
      </div>
      <div className="custom">
        <label>
          Custom, minutes before
          <input
            type="number"
            min={0}
            max={MAX_MINUTES}
            value={custom}
            onChange={(e) => setCustom(e.target.value)}
            aria-describedby="custom-reminder-hint"
          />
        </label>
        <button
          type="button"
          disabled={!customOk}
          onClick={() => {
            if (!value.includes(customMinutes)) onChange([...value, customMinutes].sort((a, b) => a - b));
            setCustom('');
          }}
        >
          Add reminder
        </button>
      </div>
      <p id="custom-reminder-hint" className="hint">
        {custom !== '' && !customOk
          ? `A reminder is a whole number of minutes, at most ${MAX_MINUTES} (two weeks).`
          : 'Reminders go to you and each teammate taking part.'}
      </p>
    </fieldset>
  );
}

import { useId } from 'react';

/** Whether a value is longer than its field allows (the form refuses to save it). */
export function overLimit(value: string, max: number): boolean {
  return value.length > max;
}

/**
 * A one-line text field with a character counter. There is deliberately no maxLength:
 * the browser would cut a long paste silently (a 10,000-character subject became its
 * first 500). Instead the counter says the limit, and past it says by how much, and the
 * form does not save until it is shortened.
 */
export function LimitedTextInput(props: {
  label: string;
  value: string;
  max: number;
  onChange: (value: string) => void;
  required?: boolean;
}) {
  const id = useId();
  const count = props.value.length;
  const over = count > props.max;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {props.label}
      </label>
      <input
        id={id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        required={props.required}
        aria-invalid={over || undefined}
        aria-describedby={`${id}-count`}
      />
      <span id={`${id}-count`} className={`hint counter${over ? ' over' : ''}`} aria-live="polite">
        {over
          ? `${count.toLocaleString('en-US')} characters: the limit is ${props.max}. Shorten it by ${(count - props.max).toLocaleString('en-US')} to save.`
          : `${count} / ${props.max} characters`}
      </span>
    </div>
  );
}

/**
 * A sheet form's end: the error in words (announced to screen readers), then the way
 * back and the submit button, which waits while the form is being saved.
 */
export function FormFooter({
  error,
  busy = false,
  onBack,
  backLabel,
  submitLabel,
}: {
  error: string | null;
  busy?: boolean;
  onBack: () => void;
  backLabel: 'Back' | 'Cancel';
  submitLabel: string;
}) {
  return (
    <>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" onClick={onBack}>
          {backLabel}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </>
  );
}

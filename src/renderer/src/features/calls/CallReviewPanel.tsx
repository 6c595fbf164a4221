import { useState, type FormEvent } from 'react';
import type { CallRecord } from '../../../../shared/domain/call';
import { call as invoke, errorMessage } from '../../bridge/client';
import { useQuery } from '../../bridge/use-query';
import { useUi } from '../../state/ui-store';
import { FormFooter } from '../../ui/FormFooter';
import { formatInstant } from '../../ui/format';

/**
 * The call's review: what a supervisor said about it (score and comment), shown to the
 * agent on the call; supervisors and admins write, change or take it back here.
 */
export function CallReviewPanel({ call }: { call: CallRecord }) {
  const permission = useQuery('calls.canReview', {}, ['call']);
  const toast = useUi((s) => s.toast);
  const [editing, setEditing] = useState(false);
  const [score, setScore] = useState(call.review?.score ?? 3);
  const [comment, setComment] = useState(call.review?.comment ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const canReview = permission.data?.canReview ?? false;
  const review = call.review ?? null;

  const save = async (next: { score: number; comment: string } | null) => {
    setError(null);
    setBusy(true);
    try {
      await invoke('calls.review', { id: call.id, review: next });
      toast('info', next ? 'Review saved. The agent sees it after their next sync.' : 'Review removed.');
      setEditing(false);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save({ score, comment });
  };

  return (
    <section className="call-review" aria-label="Review">
      <h2>Review</h2>
      {review ? (
        <div className="review-card" data-testid="call-review">
          <p>
            <strong className="review-score">{review.score} / 5</strong> · flagged for review by{' '}
            {review.byName || 'a supervisor'}, {formatInstant(review.at)}
          </p>
          {review.comment && <p className="review-comment">{review.comment}</p>}
        </div>
      ) : (
        !editing && <p className="muted">Not reviewed.</p>
      )}
      {canReview && !editing && (
        <div className="actions">
          <button
            onClick={() => {
              setScore(review?.score ?? 3);
              setComment(review?.comment ?? '');
              setEditing(true);
            }}
          >
            {review ? 'Edit review' : 'Flag for review'}
          </button>
          {review && (
            <button className="danger" onClick={() => void save(null)} disabled={busy}>
              Remove review
            </button>
          )}
        </div>
      )}
      {editing && (
        <form className="form review-form" onSubmit={submit} aria-label="Review this call">
          <fieldset className="segmented">
            <legend>Score</legend>
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n} className="inline">
                <input type="radio" name="review-score" checked={score === n} onChange={() => setScore(n)} />
                {n}
              </label>
            ))}
          </fieldset>
          <label>
            Comment for the agent
            <textarea value={comment} maxLength={2000} rows={3} onChange={(e) => setComment(e.target.value)} />
          </label>
          <FormFooter
            error={error}
            busy={busy}
            onBack={() => setEditing(false)}
            backLabel="Cancel"
            submitLabel="Save review"
          />
        </form>
      )}
    </section>
  );
}

import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { FollowUpPreset, PendingWrapUp, WrapUpDraft } from '../../../../shared/api/line';
import { callStatusLabel } from '../../../../shared/domain/call';
import { dispositionsFor } from '../../../../shared/domain/disposition';
import { ApiError, call, errorMessage } from '../../bridge/client';
import { useUi } from '../../state/ui-store';
import { useSaveAsYouType } from '../../ui/use-save-as-you-type';
import { WrapUpCustomer } from '../customers/WrapUpCustomer';
import { RelatedPicker } from './RelatedPicker';
import { useLine } from './line-store';
import { formatClock, useElapsed } from './use-elapsed';

const presets: { value: FollowUpPreset; label: string }[] = [
  { value: 'in30m', label: 'In 30 minutes' },
  { value: 'in2h', label: 'In 2 hours' },
  { value: 'tomorrow9', label: 'Tomorrow 9:00' },
];

const draftWords = { saving: 'Saving the draft…', saved: 'Draft saved', failed: 'Draft not saved' } as const;

/**
 * After every call: the outcome is logged before the agent moves on. There is no close
 * button; the draft is saved in the local database as the agent types (an edit still
 * waiting is sent as the page reloads or closes), so a reload or a restart brings it
 * back as it was.
 */
export function WrapUpForm() {
  const [pending, setPending] = useState<PendingWrapUp | null>(null);
  const [draft, setDraft] = useState<WrapUpDraft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const toast = useUi((s) => s.toast);
  // "Draft saved" only once the core has acknowledged the latest edit, so the agent (and
  // a test) knows when a reload or a restart would bring back what the form shows.
  const [draftState, setDraftState] = useState<'saving' | 'saved' | 'failed' | null>(null);
  const edits = useRef(0);
  const since = useElapsed(pending?.since);
  const drafts = useSaveAsYouType(({ draft: next, edit }: { draft: WrapUpDraft; edit: number }) => {
    const { callId, ...fields } = next;
    call('wrapup.saveDraft', { callId, ...fields }).then(
      () => edit === edits.current && setDraftState('saved'),
      (e) => {
        toast('error', errorMessage(e));
        if (edit === edits.current) setDraftState('failed');
      },
    );
  }, 300);

  useEffect(() => {
    call('wrapup.get', {}).then(
      (p) => {
        setPending(p);
        setDraft(p?.draft ?? null);
      },
      (e) => setError(errorMessage(e)),
    );
  }, []);

  if (!pending || !draft) return <p className="muted">{error ?? 'Loading the wrap-up…'}</p>;

  const update = (patch: Partial<WrapUpDraft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    setDraftState('saving');
    drafts.schedule({ draft: next, edit: ++edits.current });
  };

  // The shared rule: codes of this call's direction that fit whether it connected.
  const codes = dispositionsFor(pending.dispositions, { direction: pending.call.direction, status: draft.status });
  const followUp = draft.followUp;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // The submit carries every field; a draft save behind it would find the wrap-up over.
    drafts.cancel();
    setBusy(true);
    setError(null);
    try {
      const result = await call('wrapup.submit', {
        callId: draft.callId,
        status: draft.status,
        reason: draft.status === 'NotHeld' ? draft.reason : null,
        dispositionCode: draft.dispositionCode ?? '',
        outcomeText: draft.outcomeText,
        notes: draft.notes,
        related: draft.related,
        followUp: followUp && followUp.subject.trim() ? followUp : null,
        newCaller: draft.newCaller,
      });
      useLine.getState().accept(result.snapshot);
      toast('info', result.taskId ? 'Call logged, follow-up task created.' : 'Call logged.');
    } catch (err) {
      setError(err instanceof ApiError && err.issues?.[0] ? err.issues[0].message : errorMessage(err));
      // Not logged: the form as shown is kept as the draft, as if the agent had just typed it.
      update({});
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form wrap-up" onSubmit={submit} aria-label="Wrap-up">
      <div className="call-status">
        <h2 className="phase-title">Wrap-up</h2>
        <span className="call-timer" role="timer" aria-label="After-call work time">
          {formatClock(since)}
        </span>
      </div>
      <p className="muted small">
        {pending.call.subject} · telephony: {pending.outcome}
      </p>
      <fieldset className="segmented">
        <legend>Status</legend>
        {(['Held', 'NotHeld'] as const).map((s) => (
          <label key={s} className={draft.status === s ? 'active' : ''}>
            <input
              type="radio"
              name="wrap-status"
              checked={draft.status === s}
              onChange={() => update({ status: s, dispositionCode: null })}
            />
            {callStatusLabel[s]}
          </label>
        ))}
      </fieldset>
      {draft.status === 'NotHeld' && (
        <label>
          Reason
          <input value={draft.reason ?? ''} onChange={(e) => update({ reason: e.target.value })} required />
        </label>
      )}
      <label>
        Disposition
        <select
          value={draft.dispositionCode ?? ''}
          onChange={(e) => update({ dispositionCode: e.target.value || null })}
          required
        >
          <option value="">Choose…</option>
          {codes.map((d) => (
            <option key={d.code} value={d.code}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Outcome
        <input value={draft.outcomeText} onChange={(e) => update({ outcomeText: e.target.value })} maxLength={4000} />
      </label>
      <label>
        Notes
        <textarea value={draft.notes} onChange={(e) => update({ notes: e.target.value })} rows={4} />
      </label>
      <WrapUpCustomer pending={pending} draft={draft} update={update} />
      <div className="field">
        <span className="field-label">Related to</span>
        <RelatedPicker value={draft.related} onChange={(related) => update({ related })} />
      </div>
      <label className="inline">
        <input
          type="checkbox"
          checked={followUp !== null}
          onChange={(e) =>
            update({
              followUp: e.target.checked
                ? { subject: `Follow up: ${pending.call.subject}`, preset: 'tomorrow9', dueAt: null }
                : null,
            })
          }
        />{' '}
        Create a follow-up task
      </label>
      {followUp && (
        <div className="follow-up">
          <label>
            Task
            <input
              value={followUp.subject}
              onChange={(e) => update({ followUp: { ...followUp, subject: e.target.value } })}
            />
          </label>
          <div className="chips" role="group" aria-label="Due">
            {presets.map((p) => (
              <button
                type="button"
                key={p.value}
                className={`chip${followUp.preset === p.value ? ' active' : ''}`}
                aria-pressed={followUp.preset === p.value}
                onClick={() => update({ followUp: { ...followUp, preset: p.value, dueAt: null } })}
              >
                {p.label}
              </button>
            ))}
          </div>
          {followUp.preset === 'tomorrow9' && <p className="hint">9:00 in {pending.customerZone}</p>}
        </div>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        {draftState && <span className="hint draft-state">{draftWords[draftState]}</span>}
        <button type="submit" className="primary" disabled={busy}>
          Save and finish
        </button>
      </div>
    </form>
  );
}

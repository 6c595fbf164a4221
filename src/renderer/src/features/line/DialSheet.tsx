import { useEffect, useState } from 'react';
import { callingHoursWarning } from '../../../../shared/domain/calling-hours';
import { LimitedTextInput, overLimit } from '../../ui/LimitedTextInput';
import { Sheet } from '../../ui/Sheet';
import { dial, useDial } from './dial-store';

/** The call's subject bound (CreateCallInput.subject). */
const SUBJECT_MAX = 500;

/**
 * The confirm sheet before a call goes out: number, who it reaches, subject and the
 * related record. A do-not-contact number is blocked with its reason, or needs an
 * explicit confirmation when the policy is "warn".
 */
export function DialSheet() {
  const pending = useDial((s) => s.pending);
  const dialing = useDial((s) => s.dialing);
  const close = useDial((s) => s.close);
  const [subject, setSubject] = useState('');
  const [confirmDnc, setConfirmDnc] = useState(false);

  useEffect(() => {
    setSubject(pending?.preview.suggestedSubject ?? '');
    setConfirmDnc(false);
  }, [pending]);

  if (!pending) return null;
  const p = pending.preview;
  const blocked = p.doNotContactAction === 'blocked' || p.blockedBy !== null;
  const needsConfirm = p.doNotContactAction === 'confirm';
  const lateWarning = p.localTime ? callingHoursWarning(p.localTime) : null;
  const subjectTooLong = overLimit(subject, SUBJECT_MAX);

  return (
    <Sheet title="Place call" onClose={close}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void dial(pending, confirmDnc, subject.trim() || undefined);
        }}
      >
        <div className="dial-number mono">
          {p.numberDisplay}
          {p.extension ? ` ext. ${p.extension}` : ''}
        </div>
        <dl className="fields compact">
          <dt>Calling</dt>
          <dd>{p.contact ? `${p.contact.name}${p.contact.title ? `, ${p.contact.title}` : ''}` : 'Unknown number'}</dd>
          <dt>Account</dt>
          <dd>{p.account?.name ?? '—'}</dd>
          <dt>Their time</dt>
          <dd>{p.localTime?.label ?? '—'}</dd>
          <dt>Related</dt>
          <dd>{p.related ? `${p.related.name || p.related.id} (${p.related.type})` : '—'}</dd>
          <dt>From</dt>
          <dd>{pending.source === 'link' ? 'A link on this computer' : 'Switchboard'}</dd>
        </dl>
        {p.doNotContact && (
          <div className="warning" role="alert">
            <strong>{p.doNotContactAction === 'blocked' ? 'Blocked: do not contact.' : 'Do not contact.'}</strong>{' '}
            {p.doNotContactReason ?? ''}
          </div>
        )}
        {p.blockedBy && (
          <div className="warning" role="alert">
            {p.blockedBy.message}
          </div>
        )}
        {lateWarning && !blocked && (
          <p className="notice" role="alert">
            {lateWarning}
          </p>
        )}
        {p.contactWindowWarning && !blocked && (
          <p className="notice" role="alert" data-testid="contact-window-warning">
            {p.contactWindowWarning}
          </p>
        )}
        {!blocked && <LimitedTextInput label="Subject" value={subject} max={SUBJECT_MAX} onChange={setSubject} />}
        {needsConfirm && (
          <label className="inline">
            <input type="checkbox" checked={confirmDnc} onChange={(e) => setConfirmDnc(e.target.checked)} /> I have a
            reason to call despite the do-not-contact flag
          </label>
        )}
        <div className="form-actions">
          <button type="button" onClick={close}>
            {blocked ? 'Close' : 'Cancel'}
          </button>
          {!blocked && (
            <button
              type="submit"
              className="answer"
              disabled={dialing || subjectTooLong || (needsConfirm && !confirmDnc)}
            >
              Call
            </button>
          )}
        </div>
      </form>
    </Sheet>
  );
}

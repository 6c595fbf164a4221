import { useState, type FormEvent } from 'react';
import type { CallRecord, CallStatus } from '../../../../shared/domain/call';
import { callStatusLabel } from '../../../../shared/domain/call';
import { dispositionsFor } from '../../../../shared/domain/disposition';
import { resolveLocalDateTime } from '../../../../shared/domain/time';
import { call as invoke, errorMessage } from '../../bridge/client';
import { useQuery } from '../../bridge/use-query';
import { useUi } from '../../state/ui-store';
import { Sheet } from '../../ui/Sheet';
import { toLocalInput } from '../../ui/format';
import { FollowUpFields, followUpInput, type FollowUpChoice } from '../follow-ups/FollowUpFields';
import { PlannedTimeFields, type PlannedChoice } from '../schedule/PlannedTimeFields';
import { FormFooter } from '../../ui/FormFooter';

/**
 * Asks for what the lifecycle needs for the target status, and what a finished call
 * needs: Held → actual start and end, outcome, disposition, notes and an optional
 * follow-up; Not Held and Cancelled → the reason; Plan again → a new planned time. All
 * of it is one save in the core, checked there with the same shared rules; its
 * sentence is shown if it refuses.
 */
export function StatusChangeSheet({ call, to, onClose }: { call: CallRecord; to: CallStatus; onClose: () => void }) {
  const settings = useQuery('settings.get', {}, ['settings']);
  const dispositions = useQuery('calls.dispositions', {}, ['settings']);
  const zone = settings.data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const toast = useUi((s) => s.toast);
  const nowLocal = toLocalInput(new Date().toISOString(), zone);
  const [start, setStart] = useState(call.actualStart ? toLocalInput(call.actualStart, zone) : '');
  const [end, setEnd] = useState(call.actualEnd ? toLocalInput(call.actualEnd, zone) : nowLocal);
  const [reason, setReason] = useState('');
  const [code, setCode] = useState(call.outcome.dispositionCode ?? '');
  const [outcome, setOutcome] = useState(call.outcome.text);
  const [note, setNote] = useState('');
  const [followUp, setFollowUp] = useState<FollowUpChoice | null>(null);
  const [planned, setPlanned] = useState<PlannedChoice>({
    local: call.plannedStart?.local ?? toLocalInput(new Date(Date.now() + 86_400_000).toISOString(), zone),
    zone: call.plannedStart?.zone ?? zone,
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const codes = dispositionsFor(
    (dispositions.data?.items ?? []).filter((d) => d.active),
    { direction: call.direction, status: 'Held' },
  );

  const heldFields = () => {
    const followUpValue = followUp ? followUpInput(followUp, zone) : undefined;
    if (followUp && !followUpValue) throw new Error('Pick when the follow-up is due.');
    return {
      actualStart: start ? resolveLocalDateTime(start, zone) : null,
      actualEnd: end ? resolveLocalDateTime(end, zone) : null,
      outcome: { dispositionCode: code || null, text: outcome },
      ...(note.trim() ? { note } : {}),
      ...(followUpValue ? { followUp: followUpValue } : {}),
    };
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await invoke('calls.setStatus', {
        id: call.id,
        to,
        ...(to === 'Held' ? heldFields() : {}),
        ...(to === 'NotHeld' || to === 'Cancelled' ? { reason } : {}),
        ...(to === 'Planned' ? { plannedStart: planned } : {}),
      });
      toast('info', `Call marked ${callStatusLabel[to]}.`);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Sheet title={to === 'Planned' ? 'Plan again' : `Mark ${callStatusLabel[to]}`} onClose={onClose}>
      <form className="form" onSubmit={submit}>
        {to === 'Held' && (
          <>
            <label>
              Actual start <span className="muted">({zone})</span>
              <input type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} required />
            </label>
            <label>
              Actual end <span className="muted">({zone})</span>
              <input type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} required />
            </label>
            <label>
              Disposition
              <select value={code} onChange={(e) => setCode(e.target.value)}>
                <option value="">None</option>
                {codes.map((d) => (
                  <option key={d.code} value={d.code}>
                    {d.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Outcome
              <input value={outcome} onChange={(e) => setOutcome(e.target.value)} maxLength={4000} />
            </label>
            <label>
              Notes
              <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={3} />
            </label>
            <label className="inline">
              <input
                type="checkbox"
                checked={followUp !== null}
                onChange={(e) =>
                  setFollowUp(
                    e.target.checked ? { subject: `Follow up: ${call.subject}`, preset: 'tomorrow9', local: '' } : null,
                  )
                }
              />{' '}
              Create a follow-up task
            </label>
            {followUp && <FollowUpFields value={followUp} onChange={setFollowUp} zone={zone} />}
          </>
        )}
        {(to === 'NotHeld' || to === 'Cancelled') && (
          <label>
            Reason
            <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} required />
          </label>
        )}
        {to === 'Planned' && (
          <>
            <p>The call goes back to the schedule as Planned, at the time below.</p>
            <PlannedTimeFields value={planned} onChange={setPlanned} agentZone={zone} />
          </>
        )}
        <FormFooter error={error} busy={busy} onBack={onClose} backLabel="Back" submitLabel="Save" />
      </form>
    </Sheet>
  );
}

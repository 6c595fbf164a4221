import { useState, type FormEvent } from 'react';
import type { CallRecord, CallStatus } from '../../../../shared/domain/call';
import { callStatusLabel } from '../../../../shared/domain/call';
import { resolveLocalDateTime } from '../../../../shared/domain/time';
import { call as invoke, errorMessage } from '../../bridge/client';
import { useQuery } from '../../bridge/use-query';
import { useUi } from '../../state/ui-store';
import { Sheet } from '../../ui/Sheet';
import { toLocalInput } from '../../ui/format';

/**
 * Asks for exactly what the lifecycle needs for the target status: actual start and
 * end for Held, a reason for Not Held and Cancelled. The core checks again with the
 * same shared rules; its sentence is shown if it refuses.
 */
export function StatusChangeSheet({ call, to, onClose }: { call: CallRecord; to: CallStatus; onClose: () => void }) {
  const settings = useQuery('settings.get', {}, ['settings']);
  const zone = settings.data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const toast = useUi((s) => s.toast);
  const nowLocal = toLocalInput(new Date().toISOString(), zone);
  const [start, setStart] = useState(call.actualStart ? toLocalInput(call.actualStart, zone) : '');
  const [end, setEnd] = useState(call.actualEnd ? toLocalInput(call.actualEnd, zone) : nowLocal);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await invoke('calls.setStatus', {
        id: call.id,
        to,
        ...(to === 'Held'
          ? {
              actualStart: start ? resolveLocalDateTime(start, zone) : null,
              actualEnd: end ? resolveLocalDateTime(end, zone) : null,
            }
          : {}),
        ...(to === 'NotHeld' || to === 'Cancelled' ? { reason } : {}),
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
    <Sheet title={`Mark ${callStatusLabel[to]}`} onClose={onClose}>
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
          </>
        )}
        {(to === 'NotHeld' || to === 'Cancelled') && (
          <label>
            Reason
            <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} required />
          </label>
        )}
        {to === 'Planned' && <p>The call goes back to the schedule as Planned.</p>}
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            Back
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Save
          </button>
        </div>
      </form>
    </Sheet>
  );
}

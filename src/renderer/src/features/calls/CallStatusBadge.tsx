import type { CallStatus } from '../../../../shared/domain/call';
import { StatusBadge } from '../../ui/Badge';
import { useLiveStatus } from '../line/live-status';

/** A call's status, or what it is doing now when it is the live call ("Ringing"). */
export function CallStatusBadge({ callId, status }: { callId: string; status: CallStatus }) {
  const live = useLiveStatus(callId);
  if (live) return <span className="badge status-live">{live}</span>;
  return <StatusBadge status={status} />;
}

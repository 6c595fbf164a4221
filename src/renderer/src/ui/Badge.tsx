import type { CallDirection, CallStatus } from '../../../shared/domain/call';
import { callStatusLabel } from '../../../shared/domain/call';
import { Icon } from './Icon';

export function StatusBadge({ status }: { status: CallStatus }) {
  return <span className={`badge status-${status}`}>{callStatusLabel[status]}</span>;
}

/**
 * Marks demo data: it looks like real work, so it must say it is not. Demo records stay on
 * this desktop and are never sent to the CRM server (their edits are never queued).
 */
export function DemoBadge() {
  return (
    <span className="badge demo" title="Demo data: kept on this computer, never sent to the CRM server">
      Demo
    </span>
  );
}

export function DirectionIcon({ direction }: { direction: CallDirection }) {
  return (
    <span className={`direction direction-${direction}`} title={direction}>
      <Icon name={direction === 'Inbound' ? 'inbound' : 'outbound'} size={14} label={direction} />
    </span>
  );
}

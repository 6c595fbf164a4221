import type { CallDirection, CallStatus } from '../../../shared/domain/call';
import { callStatusLabel } from '../../../shared/domain/call';
import { Icon } from './Icon';

export function StatusBadge({ status }: { status: CallStatus }) {
  return <span className={`badge status-${status}`}>{callStatusLabel[status]}</span>;
}

export function DirectionIcon({ direction }: { direction: CallDirection }) {
  return (
    <span className={`direction direction-${direction}`} title={direction}>
      <Icon name={direction === 'Inbound' ? 'inbound' : 'outbound'} size={14} label={direction} />
    </span>
  );
}

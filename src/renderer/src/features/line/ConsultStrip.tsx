import type { LiveTransfer } from '../../../../shared/api/transfer';
import { lineCommand } from './line-store';

/** A warm transfer under way: the agent is talking to the target while the customer waits on hold. */
export function ConsultStrip({ transfer }: { transfer: LiveTransfer }) {
  return (
    <div className="consult-strip" role="status">
      <p>
        Consulting <strong>{transfer.targetName}</strong>. The customer is on hold.
      </p>
      <div className="consult-actions">
        <button className="answer" onClick={() => void lineCommand('line.completeTransfer')}>
          Complete transfer
        </button>
        <button onClick={() => void lineCommand('line.cancelTransfer')}>Cancel transfer</button>
      </div>
    </div>
  );
}

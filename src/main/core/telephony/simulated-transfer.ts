import type { CallEvent, EngineCall, EngineTransfer, EngineTransferRequest } from './voice-engine';

/**
 * Transfer on the simulated line, played the way the Twilio line reports it (the CRM
 * server's answers, then the SDK's disconnect of the agent's leg), so the console shows
 * the same controls and the same states on both lines:
 *
 * - cold: `transfer` completed, then the agent's call disconnects;
 * - warm: the customer is held (`hold`), `transfer` consulting; complete → completed and
 *   disconnect; cancel → cancelled and the customer resumed.
 */

export interface SimulatedTransferHooks {
  /** Throws unless the call is connected. */
  requireOpen(what: string): void;
  held(): boolean;
  setHeld(held: boolean): void;
  emit(event: CallEvent): void;
  log(action: 'transfer' | 'transfer-complete' | 'transfer-cancel', detail: string): void;
  /** The agent's leg ends: the call has gone to the target. */
  leave(): void;
}

const describe = (request: EngineTransferRequest) =>
  `${request.mode} ${request.target.type === 'agent' ? request.target.userId : request.target.number}`;

export function simulatedTransferControls(
  hooks: SimulatedTransferHooks,
): Pick<EngineCall, 'transfer' | 'completeTransfer' | 'cancelTransfer'> {
  let current: EngineTransfer | null = null;
  const consulting = (what: string) => {
    hooks.requireOpen(what);
    if (current?.state !== 'consulting') throw new Error(`Cannot ${what}: no transfer is waiting.`);
    return current;
  };
  const report = (transfer: EngineTransfer) => {
    current = transfer;
    hooks.emit({ type: 'transfer', transfer });
  };

  return {
    async transfer(request) {
      hooks.requireOpen('transfer');
      if (current?.state === 'consulting') throw new Error('Cannot transfer: a transfer is already under way.');
      hooks.log('transfer', describe(request));
      if (request.mode === 'cold') {
        report({ ...request, state: 'completed' });
        hooks.leave();
        return;
      }
      if (!hooks.held()) {
        hooks.setHeld(true);
        hooks.emit({ type: 'hold', isOnHold: true });
      }
      report({ ...request, state: 'consulting' });
    },
    async completeTransfer() {
      const transfer = consulting('complete the transfer');
      hooks.log('transfer-complete', describe(transfer));
      report({ ...transfer, state: 'completed' });
      hooks.leave();
    },
    async cancelTransfer() {
      const transfer = consulting('cancel the transfer');
      hooks.log('transfer-cancel', describe(transfer));
      report({ ...transfer, state: 'cancelled' });
      hooks.setHeld(false);
      hooks.emit({ type: 'hold', isOnHold: false });
    },
  };
}

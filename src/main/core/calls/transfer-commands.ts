import type { LineSnapshot } from '../../../shared/api/line';
import type { TransferInput } from '../../../shared/api/transfer';
import { newId } from '../../../shared/domain/ids';
import { normalizePhone } from '../../../shared/domain/phone';
import { CoreError } from '../errors';
import { commit, type WriteContext } from '../sync/mutate';
import type { EngineCall } from '../telephony/voice-engine';
import type { LineEvent } from './line-machine';

/**
 * The agent passes the call on. The engine does the work (simulated: locally; Twilio:
 * the CRM server's Conference) and reports `transfer` events the line machine shows;
 * this only checks what can be checked here and names the target for the panel.
 */
export interface TransferCommandDeps {
  /** The connected call's engine handle; throws in words when there is none. */
  connected(): EngineCall;
  apply(event: LineEvent): void;
  snapshot(): LineSnapshot;
  defaultRegion(): string;
  /** The transfer under way, as the line shows it. */
  current(): LineSnapshot['call'];
  write: WriteContext;
  lineKind(): 'simulated' | 'twilio';
  now(): string;
}

export function transferCommands(deps: TransferCommandDeps) {
  /** Once the engine says the call went, the call's notes say where. */
  const noteIfHandedOver = () => {
    const call = deps.current();
    const transfer = call?.transfer;
    if (!call || transfer?.state !== 'completed') return;
    // On the Twilio line the CRM server notes the transfer on the record itself.
    if (deps.lineKind() !== 'simulated') return;
    const body = `${transfer.mode === 'warm' ? 'Warm' : 'Cold'} transfer: passed the call to ${transfer.targetName}.`;
    const note = { id: newId(), body, callId: call.callId, related: null, at: deps.now() };
    commit(deps.write, [{ name: 'note.add', args: note }]);
  };
  const consulting = () => {
    if (deps.current()?.transfer?.state !== 'consulting') {
      throw new CoreError('no_transfer', 'There is no transfer waiting to be completed or cancelled.');
    }
    return deps.connected();
  };

  return {
    async transfer(input: TransferInput): Promise<LineSnapshot> {
      const call = deps.connected();
      if (deps.current()?.transfer?.state === 'consulting') {
        throw new CoreError('transfer_in_progress', 'A transfer is under way: complete or cancel it first.');
      }
      let request;
      let name: string;
      if (input.target.type === 'agent') {
        request = { mode: input.mode, target: { type: 'agent' as const, userId: input.target.userId } };
        name = input.target.name || input.target.userId;
      } else {
        const e164 = normalizePhone(input.target.number, deps.defaultRegion())?.e164;
        if (!e164) throw new CoreError('invalid_number', `“${input.target.number}” is not a phone number.`);
        request = { mode: input.mode, target: { type: 'number' as const, number: e164 } };
        name = e164;
      }
      deps.apply({ type: 'transfer-target', targetName: name });
      await call.transfer(request);
      noteIfHandedOver();
      return deps.snapshot();
    },
    async completeTransfer(): Promise<LineSnapshot> {
      await consulting().completeTransfer();
      noteIfHandedOver();
      return deps.snapshot();
    },
    async cancelTransfer(): Promise<LineSnapshot> {
      await consulting().cancelTransfer();
      return deps.snapshot();
    },
  };
}

import { z } from 'zod';
import { TransferTarget } from '../voice/protocol';

/**
 * Passing a call on, as the console asks for it and shows it: the target picked from
 * the team (with their availability) or typed as a number, cold or warm. The same on
 * both lines: the simulated line plays it locally, the Twilio line asks the CRM server
 * (shared/voice/protocol.ts), which moves the call into a Conference.
 */

export const TransferMode = z.enum(['cold', 'warm']);
export type TransferMode = z.infer<typeof TransferMode>;

export const LiveTransfer = z.object({
  mode: TransferMode,
  target: TransferTarget,
  /** The colleague's name, or the number as typed for display. */
  targetName: z.string(),
  /** `consulting`: the agent talks with the target while the customer waits on hold. */
  state: z.enum(['consulting', 'completed', 'cancelled']),
});
export type LiveTransfer = z.infer<typeof LiveTransfer>;

export const TransferInput = z
  .object({
    mode: TransferMode,
    /** A colleague (`agent`), or a number as typed: the core normalises it to E.164. */
    target: z.discriminatedUnion('type', [
      z.object({ type: z.literal('agent'), userId: z.string().min(1).max(64), name: z.string().max(200) }).strict(),
      z.object({ type: z.literal('number'), number: z.string().trim().min(1, 'Type a number').max(64) }).strict(),
    ]),
  })
  .strict();
export type TransferInput = z.infer<typeof TransferInput>;

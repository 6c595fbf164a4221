import { z } from 'zod';
import { E164, Instant } from './primitives';

/**
 * The company's blocked numbers: callers who are turned away before anyone's phone rings,
 * and numbers nobody may dial. Admins and supervisors keep the list on the CRM server;
 * every desktop keeps a copy (pulled like the company's users) so the simulated line and
 * click-to-dial obey it offline too.
 */

export const BlockedNumber = z.object({
  e164: E164,
  /** Why it is blocked, in the words of whoever blocked it ('' when they gave none). */
  reason: z.string().max(200),
  /** The display name of who blocked it. */
  addedBy: z.string().max(200),
  addedAt: Instant,
});
export type BlockedNumber = z.infer<typeof BlockedNumber>;

export const BlockedNumberList = z.object({ items: z.array(BlockedNumber) });
export type BlockedNumberList = z.infer<typeof BlockedNumberList>;

/** What a supervisor types: a number in any format (normalised with the shared phone rules) and a reason. */
export const BlockNumberInput = z
  .object({
    number: z.string().trim().min(1, 'Type the number to block.').max(64, 'That is too long for a phone number.'),
    reason: z.string().trim().max(200, 'A reason has at most 200 characters.').default(''),
  })
  .strict();
export type BlockNumberInput = z.input<typeof BlockNumberInput>;

/** The Not Held reason of an inbound call turned away because its number is blocked (desktop and server agree). */
export const BLOCKED_CALL_REASON = 'Blocked';

/** The reason a dial to a blocked number is refused or needs confirming. */
export function blockedDialReason(entry: Pick<BlockedNumber, 'reason'>): string {
  return entry.reason ? `The company blocked this number: ${entry.reason}` : 'The company blocked this number.';
}

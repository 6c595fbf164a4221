import { z } from 'zod';
import { E164, Id, Instant } from '../domain/primitives';

/**
 * The voice contract between the desktop and the CRM server: what the desktop's Twilio
 * line asks the server for (its line configuration, access tokens, hold and transfer),
 * and the names of the parameters that travel with a call through Twilio.
 *
 * The desktop never holds a Twilio secret: the server mints short-lived access tokens
 * and performs every REST operation (hold, transfer) on the agent's behalf.
 */

/** GET /voice/config: which line the company uses. Decided by the server, never by the agent. */
export const VoiceConfig = z.discriminatedUnion('line', [
  z.object({ line: z.literal('simulated') }).strict(),
  z
    .object({
      line: z.literal('twilio'),
      /** Twilio edge for signaling and media, e.g. `roaming`, `ashburn`, `dublin`. */
      edge: z.string().min(1).max(32),
      /** The company's caller ID for outbound calls. */
      callerId: E164,
      /** Every number of the company that rings its agents. */
      numbers: z.array(E164),
      /** Whether calls are recorded (the company's recording-consent setting). */
      recordCalls: z.boolean(),
      /** Whether the SDK publishes call-quality events to Twilio Insights. */
      publishInsights: z.boolean(),
    })
    .strict(),
]);
export type VoiceConfig = z.infer<typeof VoiceConfig>;

/** POST /voice/token (Bearer session): a Twilio access token for this agent's Device. */
export const VoiceTokenResponse = z
  .object({
    token: z.string().min(1),
    /** The agent's Twilio client identity (see `voiceIdentityForUser`). */
    identity: z.string().min(1),
    /** When the token stops working; the desktop refreshes before it. */
    expiresAt: Instant,
    ttlSeconds: z.number().int().positive(),
  })
  .strict();
export type VoiceTokenResponse = z.infer<typeof VoiceTokenResponse>;

/**
 * The Twilio client identity of a user: derived from the user's id (stable, not their
 * email, which can change), letters, digits and underscores only.
 */
export function voiceIdentityForUser(userId: string): string {
  return `agent_${userId.replace(/[^A-Za-z0-9]/g, '')}`;
}

/** The user id in a client identity, or null when it is not one of ours. */
export function userIdHexFromVoiceIdentity(identity: string): string | null {
  const match = /^(?:client:)?agent_([A-Za-z0-9]+)$/.exec(identity);
  return match ? match[1]! : null;
}

/**
 * Parameters the desktop passes to `device.connect({ params })`; they arrive as form
 * fields on the TwiML App's voice URL (`/twilio/voice/outgoing`).
 */
export const outgoingParams = {
  /** The number to dial, E.164. */
  to: 'To',
  /** The desktop's call record id, so the server's record and the desktop's are one. */
  crmCallId: 'CrmCallId',
} as const;

/**
 * `<Parameter>`s the server puts on `<Client>` when it rings an agent; the SDK gives
 * them to the desktop as `call.customParameters`, and they reach the screen pop.
 */
export const clientParams = {
  /** The customer's leg (the agent's CallSid is the child leg). */
  parentCallSid: 'ParentCallSid',
  /** The server's call record id for this inbound call. */
  crmCallId: 'CrmCallId',
  /** The caller's number as the server normalised it, E.164 (absent when anonymous). */
  callerNumber: 'CallerNumber',
  /** The matched customer, when the caller's number is known: `contact`, `lead` or `account`. */
  matchType: 'MatchType',
  matchId: 'MatchId',
  matchName: 'MatchName',
} as const;

/** POST /voice/calls/:callSid/hold: put the customer on hold (with music) or take them off. */
export const HoldRequest = z.object({ hold: z.boolean() }).strict();
export type HoldRequest = z.infer<typeof HoldRequest>;

export const TransferTarget = z.discriminatedUnion('type', [
  z.object({ type: z.literal('agent'), userId: Id }).strict(),
  z.object({ type: z.literal('number'), number: E164 }).strict(),
]);
export type TransferTarget = z.infer<typeof TransferTarget>;

/**
 * POST /voice/calls/:callSid/transfer. Cold: the customer goes straight to the target and
 * the agent leaves. Warm: the customer is held while the agent consults the target; then
 * `/transfer/complete` (the agent leaves, the customer joins the target) or
 * `/transfer/cancel` (the target leaves, the customer is resumed).
 */
export const TransferRequest = z.object({ mode: z.enum(['cold', 'warm']), target: TransferTarget }).strict();
export type TransferRequest = z.infer<typeof TransferRequest>;

export const CallControlResponse = z
  .object({
    callSid: z.string(),
    onHold: z.boolean(),
    /** A warm transfer waiting to be completed or cancelled. */
    transfer: z
      .object({
        mode: z.enum(['cold', 'warm']),
        target: TransferTarget,
        state: z.enum(['consulting', 'completed', 'cancelled']),
      })
      .nullable(),
  })
  .strict();
export type CallControlResponse = z.infer<typeof CallControlResponse>;

/**
 * GET /voice/team (Bearer session): the agent's colleagues a call can be passed to, with
 * the availability their desktops last reported (Offline when not heard from lately).
 */
export const TeamMember = z
  .object({
    userId: Id,
    name: z.string(),
    availability: z.enum(['Available', 'Busy', 'Away', 'Offline', 'AfterCallWork']),
  })
  .strict();
export type TeamMember = z.infer<typeof TeamMember>;
export const TeamResponse = z.object({ members: z.array(TeamMember) }).strict();
export type TeamResponse = z.infer<typeof TeamResponse>;

import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { userIdHexFromVoiceIdentity } from '../../shared/voice/protocol';
import type { Db } from '../db/database';
import { calls, twilioLegs, users } from '../db/schema';
import type { TwilioAccount } from './settings';

/**
 * Which company a signed webhook is for. The AccountSid narrowed it to the companies on
 * that Twilio account whose auth token signed the request (usually exactly one); these
 * narrow it to one by what the request is about. The webhook URLs carry no company id.
 */

/** A voice request to one of our numbers: the company that owns the called number. */
export function companyForNumber(accounts: TwilioAccount[], called: string): TwilioAccount | null {
  return accounts.find((account) => account.numbers.includes(called)) ?? null;
}

/** An agent's outgoing call: the company of the user behind the client identity, on that TwiML App. */
export async function companyForAgent(
  db: Db,
  accounts: TwilioAccount[],
  from: string,
  applicationSid: string | undefined,
): Promise<{ account: TwilioAccount; userId: string } | null> {
  const hex = userIdHexFromVoiceIdentity(from);
  if (!hex) return null;
  const onApp = accounts.filter((account) => !applicationSid || account.twimlAppSid === applicationSid);
  if (onApp.length === 0) return null;
  const rows = await db
    .select({ id: users.id, companyId: users.companyId })
    .from(users)
    .where(
      and(
        inArray(
          users.companyId,
          onApp.map((account) => account.companyId),
        ),
        isNull(users.disabledAt),
        sql`regexp_replace(${users.id}, '[^A-Za-z0-9]', '', 'g') = ${hex}`,
      ),
    )
    .limit(2);
  // Two users whose ids differ only in punctuation would share an identity: refuse rather than guess.
  if (rows.length !== 1) return null;
  const account = onApp.find((candidate) => candidate.companyId === rows[0]!.companyId)!;
  return { account, userId: rows[0]!.id };
}

/** A status or recording callback: the company that has this call (by our id in the URL, or by the leg). */
export async function companyForCallback(
  db: Db,
  accounts: TwilioAccount[],
  ids: { callId?: string | undefined; callSid: string; parentCallSid?: string | undefined },
): Promise<TwilioAccount | null> {
  const companyIds = accounts.map((account) => account.companyId);
  const pick = (companyId: string | undefined) => accounts.find((account) => account.companyId === companyId) ?? null;
  if (ids.callId) {
    const [row] = await db
      .select({ companyId: calls.companyId })
      .from(calls)
      .where(and(inArray(calls.companyId, companyIds), eq(calls.id, ids.callId)))
      .limit(1);
    return pick(row?.companyId);
  }
  const sids = [ids.callSid, ...(ids.parentCallSid ? [ids.parentCallSid] : [])];
  const [leg] = await db
    .select({ companyId: twilioLegs.companyId })
    .from(twilioLegs)
    .where(and(inArray(twilioLegs.companyId, companyIds), inArray(twilioLegs.callSid, sids)))
    .limit(1);
  return pick(leg?.companyId);
}

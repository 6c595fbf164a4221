import { blockedDialReason } from '../../shared/domain/blocked-numbers';
import type { Db } from '../db/database';
import { findBlockedNumber } from '../blocked/store';
import type { TwilioAccount } from './settings';

/**
 * Why the company refuses to dial this number, or null: the blocked-numbers list (blocked/
 * store.ts) and the older list kept with the Twilio connection both count.
 */
export async function blockedDialRefusal(db: Db, account: TwilioAccount, e164: string): Promise<string | null> {
  if (account.blockedNumbers.includes(e164)) return 'Your company has blocked calls to this number.';
  const entry = await findBlockedNumber(db, account.companyId, e164);
  return entry ? blockedDialReason(entry) : null;
}

/** Whether a caller is turned away before anyone rings (the blocked-numbers list only: the older list is for dialing). */
export async function isBlockedCaller(db: Db, companyId: string, e164: string | null): Promise<boolean> {
  return e164 !== null && (await findBlockedNumber(db, companyId, e164)) !== null;
}

import { and, eq } from 'drizzle-orm';
import { ok } from '../../../shared/result';
import type { MutationArgs } from '../../../shared/sync/mutations';
import { tombstoneLostViewers } from '../../calls/lost-viewers';
import { calls, users } from '../../db/schema';
import { laterOf } from '../records';
import { isRow, loadCall } from './calls';
import { forbidden, lastWriterWins, reject, type Mutator } from './types';

/**
 * A supervisor or an admin gives a call to another user of their company (the bulk bar's
 * "Change owner", or the call drawer's). The new owner must be an enabled user of the same
 * company. Last writer wins on the owner, like a transfer's (which carries Twilio's clock).
 * Who sees the call follows its owner: the agent who owned it, unless they take part in
 * it, loses it, and gets a tombstone so their desktop drops its copy on the next pull.
 */
export const setCallOwnerMutation: Mutator<MutationArgs<'call.setOwner'>> = async (mc, args) => {
  const { companyId, role } = mc.principal;
  if (role === 'agent') return forbidden('Only a supervisor or an admin can change who owns a call.');
  const [owner] = await mc.tx
    .select({ name: users.displayName, disabledAt: users.disabledAt })
    .from(users)
    .where(and(eq(users.companyId, companyId), eq(users.id, args.ownerId)));
  if (!owner) return reject('unknown_user', `No colleague has the id ${args.ownerId}.`);
  if (owner.disabledAt) return reject('user_disabled', `${owner.name}’s account is disabled: they cannot own calls.`);
  const row = await loadCall(mc, args.id);
  if (!isRow(row)) return row;
  const merge = lastWriterWins(row.fieldHlc, ['ownerId'], mc.hlc);
  // A newer owner is already set (or this one is): processed, nothing to write.
  if (merge.won.length === 0 || row.ownerId === args.ownerId) return ok(undefined);
  const version = await mc.version();
  await mc.tx
    .update(calls)
    .set({ ownerId: args.ownerId, fieldHlc: merge.fieldHlc, updatedAt: laterOf(row.updatedAt, args.at), version })
    .where(and(eq(calls.companyId, companyId), eq(calls.id, row.id)));
  // The next visibility check of this call in the batch reads the new owner.
  mc.scope.forgetCall(row.id);
  await tombstoneLostViewers(mc.tx, {
    companyId,
    callId: row.id,
    before: row,
    after: { ownerId: args.ownerId, participantUserIds: row.participantUserIds },
    version,
    at: new Date(args.at),
  });
  return ok(undefined);
};

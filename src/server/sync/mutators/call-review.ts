import { and, eq } from 'drizzle-orm';
import { ok } from '../../../shared/result';
import type { MutationArgs } from '../../../shared/sync/mutations';
import { calls, users } from '../../db/schema';
import { forbidden, lastWriterWins, notFound, type Mutator } from './types';

/**
 * A supervisor's review of a call (score 1–5 and a comment), or its withdrawal. Agents
 * may not review; the review travels with the call, so the agent it concerns pulls it.
 * Last writer wins by HLC, like the call's other fields.
 */
export const reviewCallMutation: Mutator<MutationArgs<'call.review'>> = async (mc, args) => {
  const { companyId, userId, role } = mc.principal;
  if (role === 'agent') return forbidden('Only a supervisor or an admin can review calls.');
  const [row] = await mc.tx
    .select({ fieldHlc: calls.fieldHlc })
    .from(calls)
    .where(and(eq(calls.companyId, companyId), eq(calls.id, args.id)))
    .for('update');
  if (!row) return notFound('Call', args.id);
  const merge = lastWriterWins(row.fieldHlc, ['review'], mc.hlc);
  if (merge.won.length === 0) return ok(undefined);
  const [user] = await mc.tx
    .select({ name: users.displayName })
    .from(users)
    .where(and(eq(users.companyId, companyId), eq(users.id, userId)));
  const review = args.review && { ...args.review, by: userId, byName: user?.name ?? '', at: args.at };
  await mc.tx
    .update(calls)
    .set({ review, fieldHlc: merge.fieldHlc, version: await mc.version() })
    .where(and(eq(calls.companyId, companyId), eq(calls.id, args.id)));
  return ok(undefined);
};

import { and, eq } from 'drizzle-orm';
import { err, type Result } from '../../../shared/result';
import type { Rejection } from '../../../shared/sync/protocol';
import type { Principal } from '../../auth/tokens';
import type { Tx } from '../../db/database';
import { users } from '../../db/schema';
import type { TxScope } from './scope';

/**
 * What a mutator gets. Mutators check everything first and write last: a rejection
 * must leave no trace, because the transaction it runs in still commits (it advances
 * the client's lastMutationId and records the rejection). A thrown error, by contrast,
 * rolls the whole transaction back.
 */
export interface MutationContext {
  tx: Tx;
  principal: Principal;
  /** The packed HLC the agent's desktop stamped on this mutation. */
  hlc: string;
  /**
   * The change version every row this mutation writes carries (shared by a whole batch).
   * Call it right before writing: a mutation that called it and then succeeded counts as
   * having written, and its HLC raises the company's newest accepted stamp. A mutation
   * that called it and was then rejected (an insert that found its id taken) leaves only
   * a change version no row carries, which pulls skip like any gap.
   */
  version(): Promise<number>;
  /** Reads and queued writes shared by the mutations of one transaction (scope.ts). */
  scope: TxScope;
}

export type MutatorResult = Result<void, Rejection>;
export type Mutator<A> = (mc: MutationContext, args: A) => Promise<MutatorResult>;

export const reject = (code: string, message: string): MutatorResult => err({ code, message });
export const notFound = (what: string, id: string) => reject('not_found', `${what} ${id} was not found.`);
export const forbidden = (message: string) => reject('forbidden', message);

/**
 * Last writer wins per field: a field takes this mutation's value only if its HLC is
 * newer than the one that last set the field. Arrival order does not matter.
 */
export function lastWriterWins<K extends string>(
  fieldHlc: Record<string, string>,
  fields: readonly K[],
  hlc: string,
): { won: K[]; fieldHlc: Record<string, string> } {
  const won = fields.filter((field) => {
    const current = fieldHlc[field];
    return current === undefined || hlc > current;
  });
  const next = { ...fieldHlc };
  for (const field of won) next[field] = hlc;
  return { won, fieldHlc: next };
}

export function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) out[key] = value[key];
  return out;
}

/** Someone the caller may assign work to: themselves, or (for supervisors and admins) a colleague. */
export async function checkAssignee(mc: MutationContext, ownerId: string | undefined): Promise<MutatorResult | null> {
  const { principal } = mc;
  if (ownerId === undefined || ownerId === principal.userId) return null;
  if (principal.role === 'agent') return forbidden('Agents can only assign work to themselves.');
  const [user] = await mc.tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.companyId, principal.companyId), eq(users.id, ownerId)));
  return user ? null : reject('unknown_user', `No colleague has the id ${ownerId}.`);
}

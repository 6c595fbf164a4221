import { mutationArgs, type MutationInput, type MutationName } from '../../../shared/sync/mutations';
import type { WriteTx } from '../db/write-tx';
import { outbox } from '../db/schema';
import { tickClock } from './clock';

/**
 * Queues one protocol mutation for the server: the only way a row enters the outbox.
 *
 * The arguments are parsed with the protocol's own schema here, so a writer that builds
 * a malformed mutation fails at the write (and its transaction rolls back, so the agent
 * sees the action fail) instead of queuing something the server will refuse days later.
 * The stamp comes from the persistent HLC, ticked with the change's own `at`.
 *
 * Call it inside the SAME transaction as the rows the mutation describes: if the app died
 * between the two writes, the change would exist on this desktop and never reach the
 * server (or the server would get a change this desktop never made).
 */
export function appendMutation<N extends MutationName>(tx: WriteTx, name: N, args: MutationInput<N>): number {
  const parsed = mutationArgs[name].safeParse(args);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`Refusing to queue an invalid ${name}: ${first?.path.join('.')}: ${first?.message}`);
  }
  const value = parsed.data as { at: string };
  const hlc = tickClock(tx.db, Date.parse(value.at));
  return tx.db
    .insert(outbox)
    .values({ name, args: value, createdAt: value.at, hlc })
    .returning({ id: outbox.mutationId })
    .get().id;
}

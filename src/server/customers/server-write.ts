import { err, ok, type Result } from '../../shared/result';
import { pack, receive, unpack, zeroHlc } from '../../shared/sync/hlc';
import { mutationArgs, type MutationInput, type MutationName } from '../../shared/sync/mutations';
import type { Rejection } from '../../shared/sync/protocol';
import type { Principal } from '../auth/tokens';
import type { ServerContext } from '../context';
import { companyClock } from '../sync/company-clock';
import { mutators } from '../sync/mutators';
import type { Mutator } from '../sync/mutators/types';
import { createTxScope } from '../sync/mutators/scope';
import { takeVersion } from '../sync/versions';

/** The HLC node of changes made through the server's own HTTP API (a browser, an import). */
export const SERVER_NODE = 'server';

/**
 * A change made over HTTP (POST /customers…) goes through the same mutator a desktop's
 * push does, so the company scoping, the validation and the per-field merge are the
 * sync's own and a desktop later sees the change like any other. Its clock stamp comes
 * after everything the company has accepted (so an edit in a browser wins over what it
 * was shown), and it raises the company clock like the server's other writes.
 */
export async function applyServerMutation<N extends MutationName>(
  ctx: ServerContext,
  principal: Principal,
  name: N,
  input: MutationInput<N>,
): Promise<Result<void, Rejection>> {
  const parsed = mutationArgs[name].safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return err({ code: 'invalid_args', message: `${first?.path.join('.') || name}: ${first?.message}` });
  }
  return ctx.db.transaction(async (tx) => {
    const newest = await companyClock(tx, principal.companyId);
    const seen = newest ? unpack(newest) : null;
    const stamp = receive(zeroHlc(SERVER_NODE), seen?.ok ? seen.value : zeroHlc(SERVER_NODE), ctx.now().getTime());
    if (!stamp.ok) return err({ code: 'clock', message: 'The server clock cannot stamp this change.' });
    const hlc = pack(stamp.value);
    const scope = createTxScope(tx, principal);
    let version: number | null = null;
    const mutator = mutators[name] as Mutator<unknown>;
    const result = await mutator(
      {
        tx,
        principal,
        hlc,
        scope,
        version: async () => (version ??= await takeVersion(tx, principal.companyId, hlc)),
      },
      parsed.data,
    );
    await scope.flush();
    return result.ok ? ok(undefined) : result;
  });
}

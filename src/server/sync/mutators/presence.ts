import { sql } from 'drizzle-orm';
import { ok } from '../../../shared/result';
import type { MutationArgs } from '../../../shared/sync/mutations';
import { agentPresence } from '../../db/schema';
import type { Mutator } from './types';

/**
 * The agent's availability, for routing (twilio/presence.ts). A report older (by HLC)
 * than the one stored does not win: an offline desktop's stale "Available" arriving late
 * must not undo a later "Away". When the desktop was last heard from is the push's
 * business (sync/routes.ts touches it on every push and pull), not the report's.
 */
export const setPresenceMutation: Mutator<MutationArgs<'presence.set'>> = async (mc, args) => {
  const { companyId, userId } = mc.principal;
  await mc.tx
    .insert(agentPresence)
    .values({ companyId, userId, availability: args.availability, hlc: mc.hlc, lastSeenAt: new Date(args.at) })
    .onConflictDoUpdate({
      target: [agentPresence.companyId, agentPresence.userId],
      set: { availability: sql`excluded.availability`, hlc: sql`excluded.hlc` },
      setWhere: sql`excluded.hlc collate "C" > ${agentPresence.hlc} collate "C"`,
    });
  return ok(undefined);
};

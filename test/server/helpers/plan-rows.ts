import { sql } from 'drizzle-orm';
import type { Db } from '../../../src/server/db/database';

/**
 * What the pull-cost tests share: the rows a query makes Postgres examine, counted from
 * EXPLAIN ANALYZE rather than timed (so the machine's load does not matter), and many
 * copies of a call made in one SQL statement (as colleagues' pushes would leave them).
 */
export interface Plan {
  'Node Type': string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: Plan[];
}

/** Rows every scan of the plan returned or read and dropped, over all its loops. */
export function examined(plan: Plan): number {
  const own = plan['Node Type'].endsWith('Scan')
    ? (plan['Actual Rows'] + (plan['Rows Removed by Filter'] ?? 0) + (plan['Rows Removed by Index Recheck'] ?? 0)) *
      plan['Actual Loops']
    : 0;
  return own + (plan.Plans ?? []).reduce((sum, child) => sum + examined(child), 0);
}

/** The top plan of an `explain (analyze, format json)` result (Postgres gives JSON, PGlite its text). */
export function planOf(result: unknown): Plan {
  const cell = Object.values((result as { rows: Record<string, unknown>[] }).rows[0]!)[0];
  const [{ Plan: plan }] = (typeof cell === 'string' ? JSON.parse(cell) : cell) as [{ Plan: Plan }];
  return plan;
}

/** A copy of `callId` per number in 1..size, owned by `owner`, with a note each, in one transaction. */
export async function copyCalls(
  db: Db,
  company: string,
  callId: string,
  owner: string,
  prefix: string,
  size: number,
): Promise<void> {
  const version = sql`pg_current_xact_id()::text::bigint`;
  await db.execute(sql`
    with made as (
      insert into calls
      select (jsonb_populate_record(null::calls, to_jsonb(c) || jsonb_build_object(
        'id', ${prefix} || g, 'owner_id', ${owner}::text, 'participant_user_ids', jsonb_build_array(${owner}::text),
        'version', ${version}))).*
      from calls c, generate_series(1, ${size}::int) g where c.company_id = ${company} and c.id = ${callId}
      returning company_id, id)
    insert into notes (company_id, id, body, call_id, author_id, created_at, version)
    select company_id, 'n-' || id, 'Renewal', id, ${owner}, now(), ${version} from made`);
}

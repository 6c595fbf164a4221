import { sql } from 'drizzle-orm';
import { pack } from '../../shared/sync/hlc';
import type { Rejection } from '../../shared/sync/protocol';
import type { Db } from '../db/database';

/**
 * Clock stamps from the future. A mutation stamped far ahead of real time (a desktop
 * whose clock is set years ahead, or a forged `999999999999999:…`) would win every later
 * edit of the fields it touched, and once folded into the company's clock it would be
 * handed to every desktop, which refuses it (its own drift limit) and stays behind.
 * So the server refuses stamps more than `maxDriftMs` ahead of its own clock, as a
 * rejection with its reason (recorded and never retried: the agent sees it in the
 * refused-changes panel), and repairs stamps stored before this check existed.
 */
export const DEFAULT_MAX_CLOCK_DRIFT_MS = 5 * 60_000;

/** The node name stamped on repaired clocks: no desktop uses it (they use client ids). */
export const REPAIR_NODE = 'server-clock-repair';

export interface ClockLimit {
  now: () => Date;
  maxDriftMs: number;
}

/** The wall milliseconds of a packed stamp (validated by HlcString before it gets here). */
function wallMsOf(packed: string): number {
  return Number(packed.slice(0, packed.indexOf(':')));
}

export function clockAheadRejection(hlc: string, limit: ClockLimit): Rejection | null {
  const aheadMs = wallMsOf(hlc) - limit.now().getTime();
  if (aheadMs <= limit.maxDriftMs) return null;
  const minutes = Math.round(limit.maxDriftMs / 60_000);
  return {
    code: 'clock_ahead',
    message:
      `This change is stamped ${describeAhead(aheadMs)} ahead of the server's clock (more than ${minutes} min). ` +
      "Set this computer's date and time correctly, then make the change again.",
  };
}

function describeAhead(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes < 120) return `${Math.ceil(minutes)} min`;
  const hours = minutes / 60;
  if (hours < 48) return `${Math.round(hours)} h`;
  return `${Math.round(hours / 24)} days`;
}

/** Tables whose rows keep a per-field stamp map (last writer wins per field). */
const FIELD_STAMP_TABLES = ['calls', 'tasks', 'accounts', 'contacts', 'leads', 'opportunities', 'cases'] as const;

/**
 * Brings every stored stamp that is more than the drift ahead back to "now": the
 * company clocks handed out by pulls (the server's and each sync client's part of it,
 * company-clock.ts), each field stamp of the synced records, and the
 * presence reports. A repaired field then loses to the next real edit, as it should.
 * Run at start-up (idempotent, so several instances starting together are fine); the
 * value of no record changes, only which later edit may win.
 */
export async function repairClocksAhead(db: Db, limit: ClockLimit): Promise<{ companies: number; rows: number }> {
  const nowMs = limit.now().getTime();
  // Every stamp whose wall time is past now + drift sorts after this prefix, every other before it.
  const ceiling = `${String(nowMs + limit.maxDriftMs + 1).padStart(15, '0')}:`;
  const repaired = pack({ wallMs: nowMs, counter: 0, node: REPAIR_NODE });
  const companies = await db.execute(
    sql`update companies set max_hlc = ${repaired} where max_hlc collate "C" > ${ceiling} collate "C"`,
  );
  let rows = 0;
  for (const table of FIELD_STAMP_TABLES) {
    const result = await db.execute(sql`
      update ${sql.identifier(table)} set field_hlc = (
        select jsonb_object_agg(key, case when value collate "C" > ${ceiling} collate "C"
                                          then ${repaired} else value end)
        from jsonb_each_text(field_hlc))
      where exists (select 1 from jsonb_each_text(field_hlc) where value collate "C" > ${ceiling} collate "C")`);
    rows += affected(result);
  }
  await db.execute(
    sql`update sync_clients set max_hlc = ${repaired} where max_hlc collate "C" > ${ceiling} collate "C"`,
  );
  await db.execute(sql`update agent_presence set hlc = ${repaired} where hlc collate "C" > ${ceiling} collate "C"`);
  return { companies: affected(companies), rows };
}

/** Rows changed by an UPDATE, as node-postgres and PGlite report it. */
function affected(result: unknown): number {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
}

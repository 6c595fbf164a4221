import { emptyChanges, type PullResponse, type Tombstone } from '../../shared/sync/protocol';
import { sessionEnded } from '../auth/sessions';
import type { Principal } from '../auth/tokens';
import type { ServerContext } from '../context';
import type { Tx } from '../db/database';
import { pipelinedTransaction, readTogether } from '../db/pipelined';
import { clientPositionOf } from './clients';
import { decodeCursor, encodeCursor, START, type Cursor } from './cursor';
import { SOURCES, type Source } from './pull-sources';
import { readSourceRange, runOpenPull, type RangeValues } from './pull-statements';

/** Rows of `source` after `cursor`, in (version, id) order: the row-value comparison uses the (company, version, id) index. */
function afterCursor(source: Source, cursor: Cursor, through: number): RangeValues {
  const { version } = cursor;
  if (cursor.entity === null || source.index > cursor.entity) {
    return { start: cursor.entity === null ? 'gt' : 'gte', version, through };
  }
  if (source.index < cursor.entity) return { start: 'gt', version, through };
  return { start: 'after', version, id: cursor.id, through };
}

interface Candidate {
  version: number;
  source: Source;
  id: string;
  row: unknown;
}

/**
 * Why a cursor never skips a row that commits later with a lower version.
 *
 * Versions are the ids of the transactions that wrote the rows (versions.ts). Ids are
 * taken in start order but commit in any order, so "the highest version visible" is no
 * safe place to stop: transaction 100 may still be running when 101 has committed, and
 * a cursor at 101 would never show 100's rows.
 *
 * The pull runs in one REPEATABLE READ snapshot and first reads that snapshot's xmin:
 * the oldest transaction id still running when the snapshot was taken. Postgres
 * guarantees that every transaction with an id below xmin had finished (committed or
 * rolled back) by then, so its rows are all in this snapshot, or never will be. Every
 * transaction that has not finished has an id ≥ xmin: one running at snapshot time is
 * at least xmin by definition, and one that starts (or first writes, which is when it
 * takes its id) afterwards gets an id above every id handed out before, which is above
 * xmin too. So the pull delivers rows with version < xmin only, and the cursor it
 * hands out never exceeds xmin − 1: every row that can still appear, or change, will
 * carry a version ≥ xmin, which is above the cursor, and a later pull delivers it.
 * Rows of finished transactions at or above xmin are visible now but wait for the
 * pull after the older ones finish; they are not lost, only held back.
 *
 * The price: a transaction that stays open holds every company's newest changes back
 * until it ends (the id space is the whole Postgres server's). DB_STATEMENT_TIMEOUT_MS
 * and DB_IDLE_IN_TRANSACTION_TIMEOUT_MS bound how long that can be (config.ts).
 *
 * The client's own writes. A desktop pulls right after its push was confirmed and then
 * shows the server's copy of what it changed; if its push committed while an older
 * transaction (anyone's) was still running, its rows are above the bound and the page
 * would lack them, so the agent's new call would vanish from the screen until the next
 * pull. So the last page of a pull also carries the rows, committed and visible in this
 * snapshot, with versions above the bound up to the client's own last push (kept on its
 * sync client row). The cursor does not move for them: they come again on the next
 * pull, which is harmless (applying a record twice changes nothing), and the rows of
 * transactions still running in that range are still ahead of the cursor.
 *
 * A later snapshot's xmin is never below an earlier one's (an id below the earlier xmin
 * had finished and cannot be running again), so a cursor above the current xmin − 1 was
 * not made by this database: it was restored from a backup, and the client starts over.
 */
export async function processPull(
  ctx: ServerContext,
  principal: Principal,
  request: { clientId: string; cursor: string | null; limit: number },
): Promise<PullResponse> {
  const busy = busyness(ctx);
  if (!busy.inFlightLately) {
    const first = await pullInSnapshot(ctx, principal, request, true, busy);
    if (!('waitFor' in first)) return first;
  }
  await new Promise((resolve) => setTimeout(resolve, PULL_SETTLE_MS));
  const second = await pullInSnapshot(ctx, principal, request, false, busy);
  if ('waitFor' in second) throw new Error('unreachable: the second snapshot never waits');
  return second;
}

/**
 * Fresh pulls. Transactions in flight when a pull starts hold its bound below
 * everything committed after they began, so a pull may lag behind commits that
 * finished before it (another agent's push). When its snapshot shows transactions in
 * flight, the pull lets go of it, pauses PULL_SETTLE_MS, and reads in one new snapshot:
 * short transactions (a push takes milliseconds) have ended by then, and everything
 * committed before the pull began is at or below the new bound. One retry, no polling:
 * on a saturated database, looking again and again would cost more queries than the
 * pulls themselves. A transaction still running only delays what came after it to the
 * next pull; nothing is skipped either way.
 *
 * On a busy server nearly every snapshot shows transactions in flight, and the first
 * look costs three round trips (begin, the opening statement, commit) only to be let go.
 * So while the last snapshot taken on this instance showed transactions in flight, a
 * pull pauses first and reads once; the first snapshot that shows none puts pulls back
 * on the look-first path. Either way a pull reads after the pause or from a snapshot
 * with nothing in flight, so what it promises does not change.
 */
const PULL_SETTLE_MS = 5;

interface Busyness {
  inFlightLately: boolean;
}
const busynessOf = new WeakMap<ServerContext, Busyness>();
function busyness(ctx: ServerContext): Busyness {
  let busy = busynessOf.get(ctx);
  if (!busy) busynessOf.set(ctx, (busy = { inFlightLately: false }));
  return busy;
}

async function pullInSnapshot(
  ctx: ServerContext,
  principal: Principal,
  request: { clientId: string; cursor: string | null; limit: number },
  mayWait: boolean,
  busy: Busyness,
): Promise<PullResponse | { waitFor: number }> {
  // REPEATABLE READ: the bound, the client's lastMutationId and every row read below
  // come from one snapshot. The client relies on that: it drops outbox entries up to
  // lastMutationId because their effects are in these changes, never half-visible.
  return pipelinedTransaction(
    ctx.db,
    async (tx) => {
      // The first statement fixes the transaction's snapshot, the one rows are read in, and
      // brings everything the pull decides on: the bound, the company's clock and horizon,
      // this client's position, and which sources have any row above the cursor at all.
      const decoded = request.cursor === null ? null : decodeCursor(request.cursor);
      const company = await openPull(tx, principal, request.clientId, decoded, mayWait);
      busy.inFlightLately = company.settledBelow !== company.next;
      if (!company.hasRows) return { waitFor: Number(company.next) };
      const upTo = Number(company.settledBelow) - 1;
      const { lastMutationId, version: lastPush } = clientPositionOf(company.client, principal);

      // Reset when the client has no usable position: no cursor, one we did not make, one
      // from the future (the database was restored), or one older than the tombstones we
      // still keep (it may have missed deletes). It then rebuilds its cache from version 0.
      const reset =
        decoded === null ||
        decoded.version > upTo ||
        (decoded.version < company.horizon &&
          !(decoded.version === 0 && decoded.entity === null && company.horizon === 0));
      const from = reset ? START : decoded;

      // Read up to this client's last push when it is above the bound (see "The client's own
      // writes" above): the rows above the bound ride along on the last page, and the
      // cursor does not move for them.
      const through = Math.max(upTo, lastPush);
      // A reset reads from the start, below the lower bound the existence check used.
      const active = reset && decoded !== null ? SOURCES : SOURCES.filter((source) => company.hasRows?.[source.index]);
      // With nothing above the bound to read, these reads are the transaction's last
      // statements, and its COMMIT goes with them (pipelined.ts).
      const last = through <= upTo;
      const read = await readCandidates(tx, principal, active, from, through, request.limit, last);
      const candidates = read.rows.filter((row) => row.version <= upTo);
      const more = candidates.length > request.limit;
      const page = candidates.slice(0, request.limit);
      const lastRow = page.at(-1);
      if (!more && through > upTo) {
        // Each source's rows come in version order, so its settled rows are all here; only
        // a source that filled its limit may have left rows of the tail behind.
        page.push(
          ...(read.full.some((source) => read.rows.some((row) => row.source === source && row.version > upTo))
            ? await readTail(tx, principal, active, upTo, through)
            : read.rows.filter((row) => row.version > upTo)),
        );
      }
      const out = { changes: emptyChanges(), deletes: [] as Tombstone[] };
      for (const candidate of page) candidate.source.emit(candidate.row as never, out);
      const cursor: Cursor =
        more && lastRow
          ? { version: lastRow.version, entity: lastRow.source.index, id: lastRow.id }
          : { version: upTo, entity: null, id: '' };
      return {
        cursor: encodeCursor(cursor),
        lastMutationId,
        reset,
        more,
        changes: out.changes,
        deletes: out.deletes,
        hlc: company.clock,
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** Every row above the bound up to `through`, in stream order (not paged: a short window of commits). */
async function readTail(
  tx: Tx,
  principal: Principal,
  active: readonly Source[],
  upTo: number,
  through: number,
): Promise<Candidate[]> {
  const range = (): RangeValues => ({ start: 'gt', version: upTo, through });
  return (await readSources(tx, principal, active, range, undefined, true)).rows;
}

/** Up to limit+1 rows from each source after the cursor, merged into one stream order. */
function readCandidates(
  tx: Tx,
  principal: Principal,
  active: readonly Source[],
  from: Cursor,
  through: number,
  limit: number,
  last: boolean,
) {
  const range = (source: Source) => afterCursor(source, from, through);
  return readSources(tx, principal, active, range, limit, last);
}

/**
 * The caller's visible rows of every active source within `range`, each source up to limit+1
 * when given, and which sources filled that limit (they may have more rows in range). The
 * sources are read in one round trip, with the COMMIT when `last` (pipelined.ts).
 */
async function readSources(
  tx: Tx,
  principal: Principal,
  active: readonly Source[],
  range: (source: Source) => RangeValues,
  limit: number | undefined,
  last: boolean,
): Promise<{ rows: Candidate[]; full: Source[] }> {
  const all: Candidate[] = [];
  const full: Source[] = [];
  const read = (source: Source) => readSourceRange(tx, principal, source, range(source), limit);
  const bySource = await readTogether(tx, active.length, last, () => Promise.all(active.map(read)));
  for (const [index, source] of active.entries()) {
    const rows = bySource[index]!;
    if (limit !== undefined && rows.length > limit) full.push(source);
    for (const row of rows) all.push({ version: row['version'] as number, source, id: source.key.of(row), row });
  }
  // A stable sort on (version, source) only: within one source the database's order (its
  // collation) is kept, the same order the cursor comparison above uses.
  all.sort((a, b) => a.version - b.version || a.source.index - b.source.index);
  return { rows: all, full };
}

/**
 * The pull's first statement. `hasRows` says, per source, whether the company has any row
 * above the cursor's version: a superset of what the pull reads (no visibility filter, no
 * upper bound), so a source marked empty certainly has nothing for this page and costs no
 * query. Most pulls find news in one or two of the ten sources, so this one statement
 * replaces eight or nine reads; each check is one probe of the (company, version) index:
 * the company's greatest version, compared with the cursor's (see newerThan in pull-statements.ts).
 * With `mayWait`, a snapshot with transactions in flight skips the checks (hasRows null:
 * the caller lets go of this snapshot and waits), as Postgres evaluates CASE lazily.
 * It also says whether the caller's session was signed out (the route's only check of it).
 */
async function openPull(tx: Tx, principal: Principal, clientId: string, cursor: Cursor | null, mayWait: boolean) {
  // Inside a version (a page that ended mid-version) the version's later rows are still due.
  const inside = cursor !== null && cursor.entity !== null;
  const [row] = await runOpenPull(tx, principal, { clientId, lowest: cursor?.version ?? 0, inside, mayWait });
  if (!row) throw new Error(`company ${principal.companyId} not found`);
  // The pull route leaves the session check to this statement (context.ts, authenticate).
  if (row.revoked) throw sessionEnded();
  const hasRows = row.hasRows === null ? null : [...row.hasRows].map((flag) => flag === '1');
  return { ...row, hasRows, client: row.client?.companyId ? row.client : null };
}

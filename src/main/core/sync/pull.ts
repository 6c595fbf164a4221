import { z } from 'zod';
import { Changes, PullResponse, syncEntities, type SyncEntity, type Tombstone } from '../../../shared/sync/protocol';
import type { LocalDb } from '../db/open';
import { alwaysShadowed, DELETED, deleteBase, setBase } from './base';
import type { WriteTx } from '../db/write-tx';
import { writeUnsynced } from './mutate';
import { clearCacheSlice, deleteRecord, writeRecord, type WriteOptions } from './cache-write';
import { startBackgroundCheckpoints, type Checkpointer } from './checkpointer';
import { receiveClock } from './clock';
import { SyncFailure } from './failure';
import { outboxTargetKeys, rebase } from './rebase';
import type { SessionManager } from './session';
import { readSyncState, updateSyncState } from './sync-state';
import { targetKey } from './targets';

/**
 * Pull: pages of changes since the saved cursor, applied to the local cache, until the
 * server says there is no more; then rebase (rebase.ts).
 *
 * Nothing here may hold the main event loop for long (the first download is a million
 * contacts): records are validated and written in slices with a yield between them. The
 * slices of a page are separate transactions; that is safe because every write is an
 * idempotent upsert or delete, and the cursor is saved only after the page's last slice,
 * so a crash mid-page makes the next pull fetch the same page again.
 */

const directoryEntities: ReadonlySet<SyncEntity> = new Set(['accounts', 'contacts', 'leads', 'opportunities', 'cases']);

/** The page with its records not yet checked (they are checked slice by slice below). */
const PageEnvelope = PullResponse.omit({ changes: true }).extend({
  // A server older than an entity sends no list for it: read as none.
  changes: z.object(Object.fromEntries(syncEntities.map((entity) => [entity, z.array(z.unknown()).default([])]))),
});

export interface PullOptions {
  local: LocalDb;
  session: Pick<SessionManager, 'send'>;
  now: () => Date;
  userId: () => string;
  /** Records per pull request (the server allows up to 10,000). */
  limit: number;
  /** Records per slice: one transaction, then a yield. */
  sliceSize: number;
  yieldNow: () => Promise<void>;
  /** After each page is saved, with the kinds of records it changed. */
  onPage: (entities: SyncEntity[]) => void;
  /** A page of the directory download was written without number facts: they need a fill. */
  onFactsDeferred?: () => void;
}

export async function pullAll(options: PullOptions): Promise<void> {
  let checkpoints: Checkpointer | null = null;
  try {
    await pullPages(options, () => {
      checkpoints ??= startBackgroundCheckpoints(options.local);
    });
  } finally {
    await (checkpoints as Checkpointer | null)?.stop();
  }
}

async function pullPages(options: PullOptions, bigDownload: () => void): Promise<void> {
  const { local } = options;
  for (;;) {
    const state = readSyncState(local.db);
    const reply = await options.session.send('POST', '/sync/pull', {
      clientId: state.clientId,
      cursor: state.cursor,
      limit: options.limit,
    });
    if (reply.status !== 200) throw SyncFailure.fromReply(reply, 'The server could not send changes.');
    const envelope = PageEnvelope.safeParse(reply.body);
    if (!envelope.success) throw new SyncFailure('bad_reply', 'The server sent changes this desktop cannot read.');
    const page = envelope.data;
    // More pages to come: a big download, whose WAL checkpoints move to a worker thread.
    if (page.more) bigDownload();

    if (page.reset) {
      // Start over: the cache is rebuilt from these pages. Local changes still waiting
      // are replayed by the rebase at the end, so nothing the agent did is lost.
      // Records with changes waiting stay (read again each slice: the agent keeps working).
      while (clearCacheSlice(local, 2_000, outboxTargetKeys(local)) > 0) await options.yieldNow();
      markKeptAsGone(local);
    }
    const pendingKeys = outboxTargetKeys(local);
    let directoryRows = 0;
    // The directory download leaves number facts to a fill after it (number-facts-fill.ts).
    const downloading = page.reset || state.directoryPhase !== 'done';
    const writeOptions = { deferNumberFacts: downloading };
    if (downloading) options.onFactsDeferred?.();
    for (const entity of syncEntities) {
      const records = page.changes[entity]!;
      const schema = Changes.shape[entity].element as z.ZodType;
      for (let start = 0; start < records.length; start += options.sliceSize) {
        const slice = records.slice(start, start + options.sliceSize).map((record) => {
          const parsed = schema.safeParse(record);
          if (!parsed.success)
            throw new SyncFailure('bad_reply', `The server sent a ${entity} record this desktop cannot read.`);
          return parsed.data as { id: string };
        });
        writeUnsynced(local, 'server copy', (tx) => {
          for (const record of slice) applyRecord(local, tx, entity, record, pendingKeys, writeOptions);
        });
        if (directoryEntities.has(entity)) directoryRows += slice.length;
        await options.yieldNow();
      }
    }
    writeUnsynced(local, 'server copy', (tx) => {
      for (const tombstone of page.deletes) applyTombstone(local, tx, tombstone, pendingKeys);
      // The cursor moves with the page's last writes: a resumed download starts after them.
      updateSyncState(local.db, {
        cursor: page.cursor,
        lastPullAt: options.now().toISOString(),
        directoryPhase: downloading ? (page.more ? 'downloading' : 'done') : 'done',
        directoryDownloaded: downloading
          ? (page.reset ? 0 : state.directoryDownloaded) + directoryRows
          : state.directoryDownloaded,
      });
      receiveClock(local.db, page.hlc, options.now().getTime());
    });
    options.onPage([
      ...syncEntities.filter((entity) => page.changes[entity]!.length > 0),
      ...page.deletes.map((tombstone) => tombstone.entity),
    ]);

    if (!page.more) {
      const latest = readSyncState(local.db);
      const processedThrough = Math.max(latest.lastMutationIdConfirmed, latest.clientBase + page.lastMutationId);
      updateSyncState(local.db, { lastMutationIdConfirmed: processedThrough });
      await rebase(local, { processedThrough, userId: options.userId(), yieldNow: options.yieldNow });
      return;
    }
  }
}

/**
 * The records a reset's clear kept (changes waiting) are shown until the rebase; unless
 * the download brings the server's copy (which replaces this mark), the rebase then
 * removes them, as the reset would have: the server no longer has them for this user.
 * Only a creation still waiting brings such a record back.
 */
function markKeptAsGone(local: LocalDb): void {
  writeUnsynced(local, 'server copy', () => {
    for (const key of outboxTargetKeys(local)) {
      const slash = key.indexOf('/');
      setBase(local, key.slice(0, slash) as SyncEntity, key.slice(slash + 1), DELETED);
    }
  });
}

function applyRecord(
  local: LocalDb,
  tx: WriteTx,
  entity: SyncEntity,
  record: { id: string },
  pendingKeys: Set<string>,
  writeOptions: WriteOptions,
): void {
  const pending = pendingKeys.has(targetKey({ entity, id: record.id }));
  if (pending || alwaysShadowed.has(entity)) setBase(local, entity, record.id, record);
  // A record with local changes waiting is left as it is: the rebase rebuilds it from
  // the base just saved plus those changes, so the agent never sees them flicker away.
  if (!pending) writeRecord(tx, entity, record, writeOptions);
}

function applyTombstone(local: LocalDb, tx: WriteTx, tombstone: Tombstone, pendingKeys: Set<string>): void {
  if (pendingKeys.has(targetKey(tombstone))) {
    setBase(local, tombstone.entity, tombstone.id, DELETED);
    return;
  }
  deleteBase(local, tombstone.entity, tombstone.id);
  deleteRecord(tx, tombstone.entity, tombstone.id);
}

import { bucketOf, type StatsBucket } from '../../../../shared/domain/call-analytics';
import type { Db } from '../client';
import { prepared, sqliteOf } from './call-reads';

/**
 * The dashboard's buckets of one agent between two instants, read from the
 * pre-aggregation that migration 0015's triggers keep (schema/analytics.ts): a primary
 * key range seek, a few thousand rows for a month however many calls there are.
 */
const STATS = `select bucket, owner_id as ownerId, direction, status, disposition, calls,
  talk_sum as talkSum, talk_count as talkCount, handle_sum as handleSum, handle_count as handleCount
  from call_stats where owner_id = ? and bucket >= ? and bucket < ? and calls > 0`;

export function readCallStats(db: Db, ownerId: string, from: Date, to: Date): StatsBucket[] {
  const rows = prepared(sqliteOf(db), STATS).all(
    ownerId,
    bucketOf(from.toISOString()),
    bucketOf(to.toISOString()),
  ) as (Omit<StatsBucket, 'disposition'> & { disposition: string })[];
  // '' stands for "no disposition" in the table's key.
  return rows.map((row) => ({ ...row, disposition: row.disposition === '' ? null : row.disposition }));
}

import {
  checkDisposition,
  DEFAULT_DISPOSITIONS,
  DispositionList,
  type DispositionCode,
} from '../../../shared/domain/disposition';
import type { CallRecord } from '../../../shared/domain/call';
import type { Db } from '../db/client';
import { getSettings } from '../db/repositories/settings';
import { CoreError } from '../errors';

/** The team's configured list when Settings has one, else the defaults. */
export function dispositionList(db: Db): readonly DispositionCode[] {
  const configured = (getSettings(db) as { dispositions?: unknown }).dispositions;
  const parsed = DispositionList.safeParse(configured);
  return parsed.success ? parsed.data : DEFAULT_DISPOSITIONS;
}

/**
 * Refuses a disposition that does not fit the call (its direction, whether it
 * connected), with the shared rule's sentence. A call without a code passes.
 */
export function requireFittingDisposition(db: Db, call: Pick<CallRecord, 'direction' | 'status' | 'outcome'>): void {
  const refused = checkDisposition(dispositionList(db), call.outcome.dispositionCode, call);
  if (refused) throw new CoreError(refused.code, refused.message);
}

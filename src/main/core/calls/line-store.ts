import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { ChosenAvailability, LiveCall, WrapUpDraft } from '../../../shared/api/line';
import { TelephonyOutcome } from '../../../shared/domain/disposition';
import { Instant } from '../../../shared/domain/primitives';
import type { Db } from '../db/client';
import type { LocalDb } from '../db/open';
import type { WriteTx } from '../db/write-tx';
import { writeUnsynced } from '../sync/mutate';
import { settings } from '../db/schema';

/**
 * What the line must remember across a UI reload and an app restart: the call being
 * worked (its wrap-up draft, typed notes, whether after-call work is running) and the
 * availability the agent chose. Both live as JSON rows of the store's key/value
 * `settings` table under `line.*` keys: they are local state of this desktop, never
 * synced, and one row each needs no migration. Values are parsed on the way in, so a
 * row from an older build is dropped instead of crashing the line.
 */

const sessionKey = 'line.session';
const availabilityKey = 'line.availability';

export const LineSession = z.object({
  call: LiveCall,
  /** The draft grows from the first ring: notes typed during the call land here. */
  draft: WrapUpDraft,
  /** Set when the call ended: after-call work runs until the wrap-up is saved. */
  wrapUpSince: Instant.nullable(),
  outcome: TelephonyOutcome.nullable(),
});
export type LineSession = z.infer<typeof LineSession>;

function read<T>(db: Db, key: string, schema: z.ZodType<T>): T | null {
  const row = db.select().from(settings).where(eq(settings.key, key)).get();
  if (!row) return null;
  const parsed = schema.safeParse(row.value);
  return parsed.success ? parsed.data : null;
}

function write(db: Db, key: string, value: unknown): void {
  db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
}

export function loadSession(db: Db): LineSession | null {
  return read(db, sessionKey, LineSession);
}

/** Stores the call being worked, or forgets it (null): this desktop's own state, never synced. */
export function storeSession(local: LocalDb, session: LineSession | null): void {
  writeUnsynced(local, 'line session', (tx) => (session ? write(tx.db, sessionKey, session) : clearSession(tx)));
}

/** Forgets the stored call, inside the caller's transaction (the wrap-up's commit). */
export function clearSession({ db }: WriteTx): void {
  db.delete(settings).where(eq(settings.key, sessionKey)).run();
}

export function loadChosenAvailability(db: Db): ChosenAvailability | null {
  return read(db, availabilityKey, ChosenAvailability);
}

export function saveChosenAvailability(local: LocalDb, chosen: ChosenAvailability): void {
  writeUnsynced(local, 'line session', (tx) => write(tx.db, availabilityKey, chosen));
}

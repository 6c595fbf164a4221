import { eq, inArray } from 'drizzle-orm';
import { Settings } from '../../../../shared/api/settings';
import { newId } from '../../../../shared/domain/ids';
import type { Db } from '../client';
import { settings } from '../schema';

type SettingsRecord = Settings;
const settingKeys = Object.keys(Settings.shape) as (keyof SettingsRecord)[];

export function defaultSettings(): SettingsRecord {
  return {
    agentName: 'Agent',
    defaultRegion: 'US',
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    autoDial: false,
    doNotContactPolicy: 'block',
    ringerDeviceId: null,
    microphoneDeviceId: null,
    speakerDeviceId: null,
  };
}

/**
 * The settings with defaults for whatever was never set. A stored value that no longer
 * passes its schema (a zone this runtime does not know, a value from a future build)
 * falls back to the default instead of making settings unreadable.
 */
export function getSettings(db: Db): SettingsRecord {
  const stored = db.select().from(settings).where(inArray(settings.key, settingKeys)).all();
  const result: Record<string, unknown> = { ...defaultSettings() };
  for (const row of stored) {
    const field = Settings.shape[row.key as keyof SettingsRecord];
    const parsed = field.safeParse(row.value);
    if (parsed.success) result[row.key] = parsed.data;
  }
  return Settings.parse(result);
}

/**
 * Writes the given settings in one transaction. A null value removes the stored row
 * instead of writing it: the column is NOT NULL (drizzle sends JSON null as SQL NULL),
 * and a nullable setting's null means "the default", which `defaultSettings` gives back
 * on read. (Every nullable setting defaults to null; a settings test holds that.)
 */
export function updateSettings(db: Db, patch: Partial<SettingsRecord>): SettingsRecord {
  db.transaction((tx) => {
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (value === null) {
        tx.delete(settings).where(eq(settings.key, key)).run();
        continue;
      }
      tx.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
    }
  });
  return getSettings(db);
}

const localUserIdKey = 'localUserId';

/**
 * The id of the agent on this desktop, made once and kept: it is the owner of calls
 * made here and the `by` of their history, so it must never change. Login (a later
 * issue) replaces it with the server's user id.
 */
export function getLocalUserId(db: Db): string {
  const row = db.select().from(settings).where(eq(settings.key, localUserIdKey)).get();
  if (row && typeof row.value === 'string') return row.value;
  const id = newId();
  db.insert(settings).values({ key: localUserIdKey, value: id }).onConflictDoNothing().run();
  // Re-read: if another connection made one first, theirs wins.
  const stored = db.select().from(settings).where(eq(settings.key, localUserIdKey)).get();
  return typeof stored?.value === 'string' ? stored.value : id;
}

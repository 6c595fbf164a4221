import { eq } from 'drizzle-orm';
import { z } from 'zod';
import {
  CallTableLayout,
  CallView,
  defaultCallTableLayout,
  type CallTableLayout as Layout,
  type CallView as View,
} from '../../../../shared/api/call-table';
import type { Db } from '../client';
import type { WriteTx } from '../write-tx';
import { settings } from '../schema';

/**
 * The calls table's layout and the agent's saved views, kept in the settings table
 * (key/value JSON): they are this desktop's preferences, like Settings, and are written
 * through the unsynced write path ('desktop settings'). Personal views are local-only
 * on purpose: a view is a way of looking, not data the company needs; the views a team
 * shares are company views, kept on the CRM server by supervisors.
 */
const LAYOUT_KEY = 'callTable.layout';
const VIEWS_KEY = 'callTable.views';

const StoredViews = z.array(CallView);

function read<T>(db: Db, key: string, schema: z.ZodType<T>, fallback: T): T {
  const row = db.select().from(settings).where(eq(settings.key, key)).get();
  if (!row) return fallback;
  // A value from another build that no longer parses falls back rather than breaking the table.
  const parsed = schema.safeParse(row.value);
  return parsed.success ? parsed.data : fallback;
}

function write(tx: WriteTx, key: string, value: unknown): void {
  tx.db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
}

export function getTableLayout(db: Db): Layout {
  return read(db, LAYOUT_KEY, CallTableLayout, defaultCallTableLayout);
}

export function saveTableLayout(tx: WriteTx, layout: Layout): void {
  write(tx, LAYOUT_KEY, layout);
}

export function personalViews(db: Db): View[] {
  return read(db, VIEWS_KEY, StoredViews, []);
}

export function savePersonalViews(tx: WriteTx, views: View[]): void {
  write(tx, VIEWS_KEY, views);
}

import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { CallView } from '../../../shared/api/call-table';
import type { Db } from '../db/client';
import { settings } from '../db/schema';
import type { WriteTx } from '../db/write-tx';
import type { ServerCopy } from '../sync/server-copies';

/**
 * The company's shared views, as last fetched from the CRM server (after each sync):
 * kept in the settings table like the agent's own views, read-only here.
 */
const COMPANY_VIEWS_KEY = 'callTable.companyViews';

export function companyViews(db: Db): CallView[] {
  const row = db.select().from(settings).where(eq(settings.key, COMPANY_VIEWS_KEY)).get();
  const parsed = z.array(CallView).safeParse(row?.value ?? []);
  return parsed.success ? parsed.data.map((v) => ({ ...v, scope: 'company' as const })) : [];
}

export function replaceCompanyViews(tx: WriteTx, views: CallView[]): void {
  const value = views.map((v) => ({ ...v, scope: 'company' as const }));
  tx.db
    .insert(settings)
    .values({ key: COMPANY_VIEWS_KEY, value })
    .onConflictDoUpdate({ target: settings.key, set: { value } })
    .run();
}

const CompanyViewsReply = z.object({ items: z.array(z.unknown()) });

/** The company's views, read after sync rounds (sync/server-copies.ts); a view this build cannot read is skipped. */
export const companyViewsCopy: ServerCopy<CallView[]> = {
  path: '/call-views',
  parse(body) {
    const parsed = CompanyViewsReply.safeParse(body);
    if (!parsed.success) return null;
    return parsed.data.items.flatMap((item) => {
      const view = CallView.safeParse(item);
      return view.success ? [view.data] : [];
    });
  },
  store: replaceCompanyViews,
  changed: { entity: 'settings', ids: () => [COMPANY_VIEWS_KEY] },
};

import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { CallView } from '../../../shared/api/call-table';
import { newId } from '../../../shared/domain/ids';
import type { Handlers } from '../api/dispatch';
import type { Db } from '../db/client';
import { settings } from '../db/schema';
import type { WriteTx } from '../db/write-tx';
import { CoreError } from '../errors';
import type { HandlerContext } from '../handler-context';
import { writeUnsynced } from '../sync/mutate';
import type { ServerCopy } from '../sync/server-copies';
import { replyError, type SessionManager } from '../sync/session';
import { TransportError, type TransportReply } from '../sync/transport';

/**
 * The company's shared views, as last fetched from the CRM server (after each sync):
 * kept in the settings table like the agent's own views. Only a supervisor or an admin
 * changes them, on the server (companyViewHandlers below); the server's answer then
 * replaces this copy.
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

export type CompanyViewHandlers = Pick<Handlers, 'companyViews.publish' | 'companyViews.remove'>;

/** The server lists company views by name, then id (server/calls/call-views.ts): the copy keeps that order. */
const byName = (a: CallView, b: CallView) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * Publishing, changing and deleting company views: online actions. The change is made
 * on the CRM server first; only its answer touches the desktop's copy, so an attempt
 * offline or refused leaves everything as it was (the editor keeps what was typed).
 */
export function companyViewHandlers(
  ctx: HandlerContext,
  session: Pick<SessionManager, 'info' | 'send'>,
): CompanyViewHandlers {
  const { db } = ctx.local;

  const mayEdit = () => {
    const info = session.info();
    if (!info.signedIn) {
      throw new CoreError(
        'not_signed_in',
        'Company views are kept on the CRM server: sign in as a supervisor or an admin to change them.',
      );
    }
    if (info.role !== 'supervisor' && info.role !== 'admin') {
      throw new CoreError('forbidden', 'Only a supervisor or an admin can change the company’s views.');
    }
  };

  const send = async (method: 'PUT' | 'DELETE', path: string, body?: unknown): Promise<TransportReply> => {
    try {
      return await session.send(method, path, body);
    } catch (error) {
      if (error instanceof TransportError) {
        throw new CoreError(
          'offline',
          'The CRM server cannot be reached now, so the company’s views cannot change. Nothing was changed: try again once back online.',
        );
      }
      throw error;
    }
  };

  const store = (views: CallView[]) => {
    writeUnsynced(ctx.local, 'server copy', (tx) => replaceCompanyViews(tx, views));
    ctx.events.emit('data.changed', { entity: 'settings', ids: companyViewsCopy.changed.ids(views) });
  };

  return {
    'companyViews.publish': async ({ id, name, layout, pinned }) => {
      mayEdit();
      const viewId = id ?? newId();
      const reply = await send('PUT', `/call-views/${encodeURIComponent(viewId)}`, { name, layout, pinned });
      if (reply.status !== 200) throw replyError(reply, 'The CRM server did not save the view.');
      const saved = CallView.safeParse(reply.body);
      if (!saved.success) throw new CoreError('bad_reply', 'The CRM server sent back a view this app cannot read.');
      const view = { ...saved.data, scope: 'company' as const };
      store([...companyViews(db).filter((v) => v.id !== view.id), view].sort(byName));
      return view;
    },
    'companyViews.remove': async ({ id }) => {
      mayEdit();
      const reply = await send('DELETE', `/call-views/${encodeURIComponent(id)}`);
      const items = reply.status === 200 ? companyViewsCopy.parse(reply.body) : null;
      if (items === null) throw replyError(reply, 'The CRM server did not delete the view.');
      store(items);
      return { items: companyViews(db) };
    },
  };
}

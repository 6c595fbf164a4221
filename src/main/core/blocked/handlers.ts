import { BlockedNumberList, type BlockedNumber } from '../../../shared/domain/blocked-numbers';
import { normalizePhone } from '../../../shared/domain/phone';
import type { BlockedNumbersView } from '../../../shared/api/blocked-numbers';
import type { Handlers } from '../api/dispatch';
import { listBlockedNumbers, replaceBlockedNumbers } from '../db/repositories/blocked-numbers';
import { getSettings } from '../db/repositories/settings';
import { CoreError } from '../errors';
import type { HandlerContext } from '../handler-context';
import { writeUnsynced } from '../sync/mutate';
import type { ServerCopy } from '../sync/server-copies';
import type { SessionManager } from '../sync/session';

/**
 * The company's blocked numbers on this desktop: a copy of the CRM server's list, read
 * after sync rounds (server-copies.ts) so rings and dials obey it offline. A supervisor
 * or admin changes the list here; the change is made on the server (the list is the
 * company's, not this desktop's), and the server's answer replaces the copy at once.
 */

export type BlockedNumberHandlers = Pick<
  Handlers,
  'blockedNumbers.list' | 'blockedNumbers.add' | 'blockedNumbers.remove'
>;

/** How often the list is read again while signed in: a number blocked elsewhere reaches this desktop soon. */
const BLOCKED_NUMBERS_REFRESH_MS = 60_000;

export const blockedNumbersCopy: ServerCopy<BlockedNumber[]> = {
  path: '/blocked-numbers',
  parse(body) {
    const parsed = BlockedNumberList.safeParse(body);
    return parsed.success ? parsed.data.items : null;
  },
  store: (tx, list) => replaceBlockedNumbers(tx, list),
  changed: { entity: 'blockedNumber', ids: (list) => list.map((entry) => entry.e164) },
  refreshMs: BLOCKED_NUMBERS_REFRESH_MS,
};

export function blockedNumberHandlers(
  ctx: HandlerContext,
  session: Pick<SessionManager, 'info' | 'send'>,
): BlockedNumberHandlers {
  const view = (): BlockedNumbersView => {
    const info = session.info();
    return {
      items: listBlockedNumbers(ctx.local.db),
      signedIn: info.signedIn,
      canManage: info.signedIn && (info.role === 'supervisor' || info.role === 'admin'),
    };
  };

  /** Sends a change to the server; its reply (the whole list) becomes the copy. */
  async function change(path: string, body: unknown, failure: string): Promise<BlockedNumbersView> {
    if (!view().canManage) {
      throw new CoreError(
        'forbidden',
        'Only a supervisor or an admin, signed in to the CRM server, can change the list.',
      );
    }
    const reply = await session.send('POST', path, body);
    const list = reply.status === 200 ? blockedNumbersCopy.parse(reply.body) : null;
    if (list === null) {
      const said = reply.body as { message?: unknown } | null;
      throw new CoreError('blocked_numbers_refused', typeof said?.message === 'string' ? said.message : failure);
    }
    writeUnsynced(ctx.local, 'server copy', (tx) => blockedNumbersCopy.store(tx, list));
    ctx.events.emit('data.changed', { entity: 'blockedNumber', ids: blockedNumbersCopy.changed.ids(list) });
    return view();
  }

  return {
    'blockedNumbers.list': () => view(),
    'blockedNumbers.add': async ({ number, reason }) => {
      // Normalised here with the agent's region (the server assumes US for numbers without a country code).
      const dialable = normalizePhone(number, getSettings(ctx.local.db).defaultRegion);
      if (!dialable) throw new CoreError('invalid_number', `“${number.slice(0, 64)}” is not a phone number.`);
      return change('/admin/blocked-numbers', { number: dialable.e164, reason }, 'The CRM server did not block it.');
    },
    'blockedNumbers.remove': ({ e164 }) =>
      change('/admin/blocked-numbers/remove', { number: e164 }, 'The CRM server did not unblock it.'),
  };
}

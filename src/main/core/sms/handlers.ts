import type { SmsThread } from '../../../shared/api/sms';
import { newId } from '../../../shared/domain/ids';
import { formatPhoneForDisplay } from '../../../shared/domain/phone';
import type { Handlers } from '../api/dispatch';
import { getContact } from '../db/repositories/contacts';
import { getLead } from '../db/repositories/leads';
import {
  getMessage,
  markThreadRead,
  messagesOfNumbers,
  numbersTextedBy,
  optedOutKeyword,
  unreadCount,
} from '../db/repositories/messages';
import type { Db } from '../db/client';
import { CoreError } from '../errors';
import { nowIso, type HandlerContext } from '../handler-context';
import { commit, writeUnsynced } from '../sync/mutate';
import { composeInfo } from './compose';

export type SmsHandlers = Pick<Handlers, 'sms.compose' | 'sms.send' | 'sms.threads' | 'sms.markRead' | 'sms.unread'>;

/** The numbers a record has, and any it was texted on before. */
function numbersOfRecord(db: Db, related: { type: string; id: string }): string[] {
  const record =
    related.type === 'contact' ? getContact(db, related.id) : related.type === 'lead' ? getLead(db, related.id) : null;
  return [...new Set([...(record?.phones.map((p) => p.e164) ?? []), ...numbersTextedBy(db, related)])];
}

function threadsOf(db: Db, numbers: string[]): SmsThread[] {
  const messages = messagesOfNumbers(db, numbers);
  return numbers
    .map((number) => ({
      number,
      numberDisplay: formatPhoneForDisplay(number),
      items: messages.filter((m) => m.customerNumber === number),
      unread: unreadCount(db, [number]),
      optedOut: optedOutKeyword(db, number) !== null,
    }))
    .filter((thread) => thread.items.length > 0);
}

export function smsHandlers(ctx: HandlerContext): SmsHandlers {
  const { db } = ctx.local;
  return {
    'sms.compose': (input) => composeInfo(db, ctx.now(), input),
    'sms.send': (input) => {
      const info = composeInfo(db, ctx.now(), { number: input.to, related: input.related });
      if (info.blocked) throw new CoreError('cannot_text', info.blocked);
      if (info.inQuietHours && !input.quietHoursConfirmed) {
        throw new CoreError(
          'quiet_hours',
          `It is ${info.localTime} for the customer, inside quiet hours (${info.quietHours.start}–${info.quietHours.end} their time). Confirm to send anyway.`,
        );
      }
      const id = newId();
      commit(ctx, [
        {
          name: 'sms.send',
          args: {
            id,
            to: input.to,
            body: input.body,
            related: info.related,
            quietHoursConfirmed: input.quietHoursConfirmed,
            at: nowIso(ctx),
          },
        },
      ]);
      return getMessage(db, id)!;
    },
    'sms.threads': (input) => {
      const numbers = input.number ? [input.number] : input.related ? numbersOfRecord(db, input.related) : [];
      return { threads: threadsOf(db, numbers) };
    },
    'sms.markRead': (input) => {
      writeUnsynced(ctx.local, 'read marks', (tx) => markThreadRead(tx, input.number));
      ctx.events.emit('data.changed', { entity: 'message', ids: [] });
      return { unread: unreadCount(db) };
    },
    'sms.unread': () => ({ unread: unreadCount(db) }),
  };
}

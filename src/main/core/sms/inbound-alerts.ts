import { formatPhoneForDisplay } from '../../../shared/domain/phone';
import type { LocalDb } from '../db/open';
import { inboundSince, newestInbound } from '../db/repositories/messages';
import type { EventBus } from '../events';

/**
 * Announces each customer's text that sync brings in, once: `sms.received`, which the
 * console toasts and the desktop shell turns into an OS notification (the same routing
 * as missed calls). Texts already here when the app starts are not announced again;
 * the unread badge counts them.
 */
export function watchInboundTexts(deps: { local: LocalDb; events: EventBus }): () => void {
  let announcedThrough = newestInbound(deps.local.db) ?? '';
  return deps.events.subscribe((name, payload) => {
    if (name !== 'data.changed' || (payload as { entity: string }).entity !== 'message') return;
    for (const message of inboundSince(deps.local.db, announcedThrough)) {
      announcedThrough = message.createdAt;
      deps.events.emit('sms.received', {
        id: message.id,
        from: message.customerNumber,
        who: message.related?.name || formatPhoneForDisplay(message.customerNumber),
        body: message.body,
        related: message.related,
      });
    }
  });
}

import type { LineSnapshot, ScreenPop } from '../../shared/api/line';
import { describeMissedCall, type MissedReason } from '../../shared/api/missed-calls';
import type { EventListener } from '../core/events';
import type { Notifier, ShownNotification } from './notifications';

/**
 * The screen pop reaches an agent who is looking at another app: an OS notification
 * says who is calling, and clicking it brings the console (with the pop) forward. It
 * is withdrawn as soon as the call stops ringing, so a stale "incoming call" never
 * lingers in the notification centre.
 *
 * A customer's text (`sms.received`) is announced likewise while the console is not in
 * front; clicking it opens the contact with the thread.
 *
 * A call nobody answered (it rang out, or never rang because the agent was Away) is
 * announced the same way when the console is not in front, so an agent coming back to
 * the desk sees it; one the agent declined themselves is not.
 */
export function wireIncomingCallAlerts(deps: {
  subscribe: (listener: EventListener) => () => void;
  notifier: Notifier;
  isConsoleFocused: () => boolean;
  /** Opens a screen of the console on a click: the calls (with the pop), or the missed call. */
  navigate?: (hash: string) => void;
}): () => void {
  const click = (hash: string) => (deps.navigate ? { onClick: () => deps.navigate?.(hash) } : {});
  let shown: ShownNotification | null = null;
  const withdraw = () => {
    shown?.close();
    shown = null;
  };
  return deps.subscribe((name, payload) => {
    if (name === 'line.incoming') {
      withdraw();
      if (deps.isConsoleFocused()) return;
      const { pop } = payload as { pop: ScreenPop };
      shown = deps.notifier.notify({
        title: 'Incoming call',
        body: describeCaller(pop),
        urgent: true,
        ...click('#/calls'),
      });
    } else if (name === 'line.changed' && (payload as LineSnapshot).phase !== 'ringing-in') {
      withdraw();
    } else if (name === 'call.missed' && !deps.isConsoleFocused()) {
      const missed = payload as { callId: string; caller: string; reason: MissedReason; availability: string };
      const body = describeMissedCall(missed);
      if (body) deps.notifier.notify({ title: 'Missed call', body, ...click(`#/missed/${missed.callId}`) });
    } else if (name === 'sms.received' && !deps.isConsoleFocused()) {
      const text = payload as { who: string; body: string; related: { type: string; id: string } | null };
      const record = text.related?.type === 'contact' ? `#/contacts/contact/${text.related.id}` : '#/contacts';
      deps.notifier.notify({ title: `Text from ${text.who}`, body: text.body, ...click(record) });
    }
  });
}

/** "Ada Lovelace, Analytical Engines Ltd · +44 20 7946 0018", or the number alone. */
export function describeCaller(pop: ScreenPop): string {
  if (pop.matches.length === 0) return `Unknown caller · ${pop.numberDisplay}`;
  if (pop.matches.length > 1) return `${pop.numberDisplay} · ${pop.matches.length} matching records`;
  const match = pop.matches[0]!;
  const who = match.account && match.account.name !== match.name ? `${match.name}, ${match.account.name}` : match.name;
  return `${who}${match.doNotContact ? ' (do not contact)' : ''} · ${pop.numberDisplay}`;
}

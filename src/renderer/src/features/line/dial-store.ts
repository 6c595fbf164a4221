import { callingHoursWarning } from '../../../../shared/domain/calling-hours';
import { create } from 'zustand';
import type { DialPreview } from '../../../../shared/api/line';
import { call, errorMessage, onEvent } from '../../bridge/client';
import { useUi } from '../../state/ui-store';
import { useLine } from './line-store';

export interface DialRequest {
  number: string;
  contactId?: string;
  source: 'ui' | 'link';
  /** Made once per click or link: the core never dials the same request twice. */
  requestId: string;
  preview: DialPreview;
}

interface DialState {
  /** The request waiting on the confirm sheet, if any. */
  pending: DialRequest | null;
  dialing: boolean;
  close(): void;
}

export const useDial = create<DialState>((set) => ({
  pending: null,
  dialing: false,
  close: () => set({ pending: null }),
}));

/**
 * Every way of starting a call ends here: a phone number clicked in the UI, the quick
 * dial box, a tel:/callto: link from the desktop. The core prepares what the confirm
 * sheet shows; with auto-dial on (and nothing to confirm) it dials at once.
 */
export async function requestDial(number: string, source: 'ui' | 'link', contactId?: string): Promise<void> {
  const { toast } = useUi.getState();
  const current = useDial.getState().pending;
  // A link opened twice, or a double click, while the sheet is up: one sheet, one call.
  if (current && current.number === number && current.contactId === contactId) return;
  try {
    const preview = await call('line.prepareDial', { number, ...(contactId ? { contactId } : {}) });
    const request: DialRequest = {
      number,
      source,
      requestId: crypto.randomUUID(),
      preview,
      ...(contactId ? { contactId } : {}),
    };
    // Auto-dial skips the sheet only when it has nothing to say: not for a do-not-contact
    // number, and not for a customer whose clock is outside calling hours or their own windows.
    const lateThere = preview.localTime ? callingHoursWarning(preview.localTime) !== null : false;
    const nothingToConfirm =
      preview.doNotContactAction === 'none' && !preview.blockedBy && !lateThere && !preview.contactWindowWarning;
    if (preview.autoDial && nothingToConfirm) await dial(request, false);
    else useDial.setState({ pending: request });
  } catch (error) {
    toast('error', errorMessage(error));
  }
}

export async function dial(request: DialRequest, confirmDoNotContact: boolean, subject?: string): Promise<void> {
  if (useDial.getState().dialing) return;
  useDial.setState({ dialing: true });
  try {
    const result = await call('line.dial', {
      number: request.preview.e164,
      source: request.source,
      requestId: request.requestId,
      confirmDoNotContact,
      ...(request.preview.contact?.type === 'contact' ? { contactId: request.preview.contact.id } : {}),
      ...(subject ? { subject } : {}),
      ...(request.preview.related ? { related: request.preview.related } : {}),
    });
    useLine.getState().accept(result.snapshot);
    useDial.setState({ pending: null });
  } catch (error) {
    useUi.getState().toast('error', errorMessage(error));
  } finally {
    useDial.setState({ dialing: false });
  }
}

// A tel:/callto: link from the desktop (subscribed at load: the launch link may come early).
onEvent('dial.requested', (request) => {
  if (!request.number) {
    useUi.getState().toast('error', `The link ${request.uri} holds no number that can be dialed.`);
    return;
  }
  const n = request.number;
  void requestDial(n.extension ? `tel:${n.e164};ext=${n.extension}` : n.e164, 'link');
});

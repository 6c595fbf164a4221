import { useUi } from '../state/ui-store';
import { formatPhoneForDisplay as formatPhone } from '../../../shared/domain/phone';

/** What a tel:/callto: link opened. Dialing itself arrives with the live-call feature. */
export function DialRequestBanner() {
  const request = useUi((s) => s.dialRequest);
  const clear = useUi((s) => s.setDialRequest);
  if (!request) return null;
  return (
    <div className="banner" role="alert">
      {request.number ? (
        <span>
          Link to call <strong>{formatPhone(request.number.e164)}</strong>
          {request.number.extension ? ` ext. ${request.number.extension}` : ''}
        </span>
      ) : (
        <span>
          The link <code>{request.uri}</code> holds no number that can be dialed.
        </span>
      )}
      <button className="link-button" onClick={() => clear(null)}>
        Dismiss
      </button>
    </div>
  );
}

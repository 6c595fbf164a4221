import { formatPhoneForDisplay } from '../../../../shared/domain/phone';
import { Icon } from '../../ui/Icon';
import { requestDial } from './dial-store';

/** Any phone number in the console: one click starts the dial flow. */
export function PhoneLink({
  e164,
  extension,
  contactId,
}: {
  e164: string;
  extension?: string | null;
  contactId?: string;
}) {
  const display = formatPhoneForDisplay(e164) + (extension ? ` ext. ${extension}` : '');
  return (
    <button
      type="button"
      className="phone-link"
      onClick={() => void requestDial(extension ? `tel:${e164};ext=${extension}` : e164, 'ui', contactId)}
      title={`Call ${display}`}
    >
      <Icon name="phone" size={13} />
      <span className="mono">{display}</span>
    </button>
  );
}

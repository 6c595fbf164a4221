import type { PopCustomer } from '../../../../shared/api/line';
import { channelLabel, consentText, customerStatusLabel, customerTypeLabel, serviceTypeLabel } from './labels';
import './customers.css';

/**
 * The customer part of the screen pop: the returning-customer badge, where the work is
 * and how to get in, what is installed, the next visit, and how they want to be reached.
 * A caller without a profile of their own shows their account's, named as such.
 */
export function PopCustomerDetails({ customer }: { customer: PopCustomer }) {
  const address = customer.primaryAddress;
  return (
    <div className="pop-customer" aria-label="Customer profile" role="group">
      <div>
        {customer.returning && <span className="badge returning">Returning customer</span>}{' '}
        <span className="muted">
          {customerTypeLabel[customer.type]} · {customerStatusLabel[customer.status]}
        </span>
      </div>
      {customer.fromAccount && (
        <div className="small" data-testid="pop-account-profile">
          Account profile: <strong>{customer.fromAccount.name}</strong>
        </div>
      )}
      {address && (
        <div data-testid="pop-address">
          <strong>{[address.line1, address.city].filter(Boolean).join(', ')}</strong>
          {address.accessNotes && <div className="access-notes">Access: {address.accessNotes}</div>}
        </div>
      )}
      {customer.equipment && <div data-testid="pop-equipment">Equipment: {customer.equipment}</div>}
      {customer.nextVisit && (
        <div data-testid="pop-next-visit">
          Next visit <strong>{customer.nextVisit.label}</strong> · {serviceTypeLabel[customer.nextVisit.serviceType]}
        </div>
      )}
      <div className="small" data-testid="pop-preferences">
        Prefers {customer.preferredChannel ? channelLabel[customer.preferredChannel] : 'any channel'}
        {customer.contactWindows ? ` · ${customer.contactWindows}` : ''}
        {customer.language ? ` · ${customer.language}` : ''} · Consent: {consentText(customer.consent)}
      </div>
    </div>
  );
}

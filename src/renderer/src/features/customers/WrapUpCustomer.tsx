import { useId, useState } from 'react';
import { createPortal } from 'react-dom';
import type { PendingWrapUp, WrapUpDraft } from '../../../../shared/api/line';
import { BookVisitSheet } from './BookVisitSheet';

/**
 * The wrap-up's customer part: an unknown caller's name (they become a customer profile
 * at submit, when new callers get one), or, for a known customer, booking a visit on
 * this call.
 */
export function WrapUpCustomer(props: {
  pending: PendingWrapUp;
  draft: WrapUpDraft;
  update: (patch: Partial<WrapUpDraft>) => void;
}) {
  const [booking, setBooking] = useState(false);
  const hintId = useId();
  const { pending, draft } = props;
  const name = draft.newCaller;
  if (pending.asksNewCallerName) {
    return (
      // A short legend: a long one wraps in the dock (300-340 px) and its second line runs over
      // the fieldset's border. The why is a hint the group is described by.
      <fieldset className="profile-rows" aria-describedby={hintId}>
        <legend>New caller</legend>
        <p className="hint" id={hintId}>
          Their name makes them a customer.
        </p>
        <label>
          First name
          <input
            value={name.firstName}
            onChange={(e) => props.update({ newCaller: { ...name, firstName: e.target.value } })}
          />
        </label>
        <label>
          Last name
          <input
            value={name.lastName}
            onChange={(e) => props.update({ newCaller: { ...name, lastName: e.target.value } })}
          />
        </label>
      </fieldset>
    );
  }
  if (!pending.customerId) return null;
  return (
    <>
      <button type="button" onClick={() => setBooking(true)} aria-haspopup="dialog">
        Book a visit
      </button>
      {/* Outside the wrap-up's <form>: a form inside a form is dropped by the browser. */}
      {booking &&
        createPortal(
          <BookVisitSheet contactId={pending.customerId} callId={pending.callId} onClose={() => setBooking(false)} />,
          document.body,
        )}
    </>
  );
}

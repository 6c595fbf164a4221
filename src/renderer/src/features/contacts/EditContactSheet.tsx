import { useState, type FormEvent } from 'react';
import { PhoneKind, type Contact } from '../../../../shared/domain/directory';
import { formatPhoneForDisplay } from '../../../../shared/domain/phone';
import { call, errorMessage } from '../../bridge/client';
import { useUi } from '../../state/ui-store';
import { Sheet } from '../../ui/Sheet';
import './contacts.css';
import { FormFooter } from '../../ui/FormFooter';
import { displayTimeZone, toLocalInput } from '../../ui/format';

type Kind = Contact['phones'][number]['kind'];
interface PhoneRow {
  key: number;
  kind: Kind;
  number: string;
}

/**
 * The contact's own fields: name, phones, email, tags, do-not-contact and why. Saved
 * through the core (contacts.update), which normalises the numbers and queues one
 * `contact.update` with the fields that changed.
 */
export function EditContactSheet({ contact, onClose }: { contact: Contact; onClose: () => void }) {
  const toast = useUi((s) => s.toast);
  const [firstName, setFirstName] = useState(contact.firstName);
  const [lastName, setLastName] = useState(contact.lastName);
  const [title, setTitle] = useState(contact.title);
  const [email, setEmail] = useState(contact.email);
  const [tags, setTags] = useState(contact.tags.join(', '));
  const [phones, setPhones] = useState<PhoneRow[]>(() =>
    contact.phones.map((p, key) => ({
      key,
      kind: p.kind,
      number: formatPhoneForDisplay(p.e164) + (p.extension ? ` ext. ${p.extension}` : ''),
    })),
  );
  const [nextKey, setNextKey] = useState(contact.phones.length);
  const [doNotContact, setDoNotContact] = useState(contact.doNotContact);
  const [reason, setReason] = useState(contact.doNotContactReason ?? '');
  // The day the customer asked, in the agent's zone: today for a new flag.
  const [since, setSince] = useState(() =>
    toLocalInput(contact.doNotContactSince ?? new Date().toISOString(), displayTimeZone()).slice(0, 10),
  );
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const setPhone = (key: number, change: Partial<PhoneRow>) =>
    setPhones(phones.map((p) => (p.key === key ? { ...p, ...change } : p)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // Said here in the form's words; the core checks the same rule (contacts.update).
    if (doNotContact && !reason.trim()) {
      setError('Say why this contact must not be contacted.');
      return;
    }
    setError(null);
    setSaving(true);
    try {
      await call('contacts.update', {
        id: contact.id,
        firstName,
        lastName,
        title,
        email,
        phones: phones.filter((p) => p.number.trim()).map(({ kind, number }) => ({ kind, number: number.trim() })),
        tags: tags
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
        doNotContact,
        doNotContactReason: doNotContact ? reason : null,
        doNotContactSince: doNotContact && since ? since : null,
      });
      toast('info', 'Contact saved.');
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Sheet title="Edit contact" onClose={onClose}>
      {/* An error is about the last attempt: it goes once a field changes, and on a new
          attempt the browser blocks (React passes a field's invalid event up to the form),
          so a fixed phone's refusal does not stay beside the email the browser now flags. */}
      <form className="form" onSubmit={submit} onChange={() => setError(null)} onInvalid={() => setError(null)}>
        <label>
          First name
          <input value={firstName} onChange={(e) => setFirstName(e.target.value)} />
        </label>
        <label>
          Last name
          <input value={lastName} onChange={(e) => setLastName(e.target.value)} required />
        </label>
        <label>
          Title
          <input value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          Email
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <fieldset className="phone-rows">
          <legend>Phones</legend>
          {phones.map((p, index) => (
            <div className="phone-row" key={p.key}>
              <select
                aria-label={`Phone ${index + 1} kind`}
                value={p.kind}
                onChange={(e) => setPhone(p.key, { kind: e.target.value as Kind })}
              >
                {PhoneKind.options.map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
              <input
                aria-label={`Phone ${index + 1} number`}
                value={p.number}
                onChange={(e) => setPhone(p.key, { number: e.target.value })}
              />
              <button
                type="button"
                aria-label={`Remove phone ${index + 1}`}
                onClick={() => {
                  setPhones(phones.filter((x) => x.key !== p.key));
                  setError(null);
                }}
              >
                Remove
              </button>
            </div>
          ))}
          <button
            type="button"
            onClick={() => {
              setPhones([...phones, { key: nextKey, kind: 'mobile', number: '' }]);
              setNextKey(nextKey + 1);
            }}
          >
            Add a phone
          </button>
        </fieldset>
        <label>
          Tags (comma-separated)
          <input value={tags} onChange={(e) => setTags(e.target.value)} />
        </label>
        <label className="inline">
          <input type="checkbox" checked={doNotContact} onChange={(e) => setDoNotContact(e.target.checked)} />
          Do not contact
        </label>
        {doNotContact && (
          <>
            <label>
              Why not
              <input value={reason} onChange={(e) => setReason(e.target.value)} required />
            </label>
            <label>
              Since
              <input type="date" value={since} onChange={(e) => setSince(e.target.value)} required />
            </label>
            {contact.doNotContact && contact.doNotContactBy && (
              <p className="hint">Set by {contact.doNotContactBy}. Untick “Do not contact” to clear it.</p>
            )}
          </>
        )}
        <FormFooter error={error} busy={saving} onBack={onClose} backLabel="Cancel" submitLabel="Save contact" />
      </form>
    </Sheet>
  );
}

import { useState, type FormEvent } from 'react';
import { call, errorMessage } from '../../bridge/client';
import { formatPhoneForDisplay } from '../../../../shared/domain/phone';
import { useUi } from '../../state/ui-store';
import { Sheet } from '../../ui/Sheet';
import { FormFooter } from '../../ui/FormFooter';

/** "Unknown caller" → a contact, prefilled with the number, in one step. */
export function CreateContactSheet({ number, onClose }: { number: string; onClose: () => void }) {
  const toast = useUi((s) => s.toast);
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const contact = await call('contacts.create', {
        firstName,
        lastName,
        title,
        phones: [{ kind: 'mobile', number }],
        // An unknown caller: a customer profile too, when new callers get one (Settings).
        fromCaller: true,
      });
      toast('info', `${[contact.firstName, contact.lastName].join(' ').trim()} added to contacts.`);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <Sheet title="Create contact" onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <p>
          Phone: <span className="mono">{formatPhoneForDisplay(number)}</span>
        </p>
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
        <FormFooter error={error} onBack={onClose} backLabel="Cancel" submitLabel="Create contact" />
      </form>
    </Sheet>
  );
}

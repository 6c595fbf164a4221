import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../bridge/client';
import { useUi } from '../../state/ui-store';

/**
 * A profile sheet's submit: waits while saving, says the refusal in words, and on
 * success tells the agent and closes. Every sheet of the profile saves this way.
 */
export function useSave(onClose: () => void, savedMessage: string) {
  const toast = useUi((s) => s.toast);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = (save: () => Promise<unknown>) => async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaving(true);
    try {
      await save();
      toast('info', savedMessage);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return { error, saving, submit };
}

/** A new id for a row the agent adds (an address, a piece of equipment). */
export const rowId = () => crypto.randomUUID();

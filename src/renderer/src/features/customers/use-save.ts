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

/** Whose profile a sheet saves: a contact's or an account's (the API's subject keys). */
export type ProfileKey = { contactId: string } | { accountId: string };

/** A new id for a row the agent adds (an address, a piece of equipment). */
export const rowId = () => crypto.randomUUID();

/**
 * A sheet's list of rows (addresses, equipment): one blank to start from when there is
 * none, a change to one row by id, and the rows worth saving (`filled`): a blank left
 * untouched is dropped rather than refused.
 */
export function useRows<T extends { id: string }>(initial: T[], blank: () => T, filled: (row: T) => boolean) {
  const [rows, setRows] = useState<T[]>(initial.length > 0 ? initial : [blank()]);
  return {
    rows,
    setRows,
    set: (id: string, change: Partial<T>) => setRows(rows.map((r) => (r.id === id ? { ...r, ...change } : r))),
    add: () => setRows([...rows, blank()]),
    remove: (id: string) => setRows(rows.filter((r) => r.id !== id)),
    kept: () => rows.filter(filled),
  };
}

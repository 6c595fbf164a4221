import { useState, type FormEvent } from 'react';
import { call, errorMessage } from '../../bridge/client';
import { useQuery } from '../../bridge/use-query';
import { NoteList } from './NoteList';
import './notes.css';

/**
 * The notes of a call, oldest first (typed during the call, at wrap-up, or added
 * later), and a box to add one. Notes are append-only: a correction is a new note.
 */
export function CallNotes({ callId }: { callId: string }) {
  const notes = useQuery('calls.notes', { callId }, ['note']);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await call('calls.addNote', { callId, body: body.trim() });
      setBody('');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="call-notes-heading" className="call-notes">
      <h2 id="call-notes-heading">Notes</h2>
      {notes.error && <p className="error-text">{notes.error.message}</p>}
      <NoteList notes={notes.data?.items ?? []} empty="No notes on this call yet." />
      <form className="note-form" onSubmit={add}>
        <label htmlFor={`note-${callId}`}>Add a note</label>
        <textarea
          id={`note-${callId}`}
          rows={2}
          maxLength={20000}
          value={body}
          onChange={(e) => setBody(e.target.value)}
        />
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || !body.trim()}>
          Add note
        </button>
      </form>
    </section>
  );
}

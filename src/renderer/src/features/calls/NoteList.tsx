import type { Note } from '../../../../shared/domain/work';
import { formatInstant } from '../../ui/format';
import { useActorName } from '../../ui/use-actor-name';

/** Notes as an agent reads them: who wrote it, when, and the text (line breaks kept). */
export function NoteList({ notes, empty }: { notes: Note[]; empty: string }) {
  const actorName = useActorName();
  if (notes.length === 0) return <p className="empty small">{empty}</p>;
  return (
    <ol className="note-list">
      {notes.map((n) => (
        <li key={n.id} className="note">
          <p className="note-meta">
            <span className="note-author">{actorName(n.authorId)}</span>
            <span className="muted"> · {formatInstant(n.createdAt)}</span>
          </p>
          <p className="note-body">{n.body}</p>
        </li>
      ))}
    </ol>
  );
}

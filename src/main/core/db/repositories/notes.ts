import { and, asc, desc, eq, or, sql } from 'drizzle-orm';
import type { Note } from '../../../../shared/domain/work';
import type { Db } from '../client';
import type { WriteTx } from '../write-tx';
import { callParticipants, calls, notes } from '../schema';
import type { RelatedKey } from './calls';
import { relatedColumns, relatedFromColumns } from './related';

type NoteRow = typeof notes.$inferSelect;

/** Notes are only ever added (see domain/work.ts); there is no update. */
export function insertNote({ db }: WriteTx, note: Note): void {
  const { related, ...rest } = note;
  db.insert(notes)
    .values({ ...rest, ...relatedColumns(related) })
    .run();
}

function toNote(row: NoteRow): Note {
  const { relatedType, relatedId, relatedName, ...rest } = row;
  return { ...rest, related: relatedFromColumns({ relatedType, relatedId, relatedName }) };
}

export function getNote(db: Db, id: string): Note | null {
  const row = db.select().from(notes).where(eq(notes.id, id)).get();
  return row ? toNote(row) : null;
}

export function notesOfCall(db: Db, callId: string): Note[] {
  return db.select().from(notes).where(eq(notes.callId, callId)).orderBy(asc(notes.createdAt)).all().map(toNote);
}

export function notesAbout(db: Db, related: RelatedKey): Note[] {
  return db
    .select()
    .from(notes)
    .where(and(eq(notes.relatedType, related.type), eq(notes.relatedId, related.id)))
    .orderBy(asc(notes.createdAt))
    .all()
    .map(toNote);
}

/**
 * What was written about a person, newest first: notes about them, and notes on calls
 * with them (as the call's related record or as a participant), so the notes typed
 * during and after a call show on the caller's record too.
 */
export function notesOfPerson(db: Db, person: RelatedKey, limit = 50): Note[] {
  const onTheirCalls = sql`${notes.callId} in (
    select ${calls.id} from ${calls} where ${calls.relatedType} = ${person.type} and ${calls.relatedId} = ${person.id}
    union select ${callParticipants.callId} from ${callParticipants} where ${callParticipants.participantId} = ${person.id}
  )`;
  return db
    .select()
    .from(notes)
    .where(or(and(eq(notes.relatedType, person.type), eq(notes.relatedId, person.id)), onTheirCalls))
    .orderBy(desc(notes.createdAt), desc(notes.id))
    .limit(limit)
    .all()
    .map(toNote);
}

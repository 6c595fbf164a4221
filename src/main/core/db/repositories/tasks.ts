import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Task } from '../../../../shared/domain/work';
import type { Db } from '../client';
import type { WriteTx } from '../write-tx';
import { tasks } from '../schema';
import type { RelatedKey } from './calls';
import { relatedColumns, relatedFromColumns } from './related';

type TaskRow = typeof tasks.$inferSelect;

export function insertTask({ db }: WriteTx, task: Task): void {
  const { related, ...rest } = task;
  db.insert(tasks)
    .values({ ...rest, ...relatedColumns(related) })
    .run();
}

function toTask(row: TaskRow): Task {
  const { relatedType, relatedId, relatedName, ...rest } = row;
  return { ...rest, related: relatedFromColumns({ relatedType, relatedId, relatedName }) };
}

export function getTask(db: Db, id: string): Task | null {
  const row = db.select().from(tasks).where(eq(tasks.id, id)).get();
  return row ? toTask(row) : null;
}

/**
 * Open tasks about any of these records, soonest due first (undated last). Each key
 * is an index seek on (related_type, related_id, status).
 */
export function openTasksFor(db: Db, related: RelatedKey[], limit = 50): Task[] {
  if (related.length === 0) return [];
  const about = or(...related.map((r) => and(eq(tasks.relatedType, r.type), eq(tasks.relatedId, r.id)))) as SQL;
  return db
    .select()
    .from(tasks)
    .where(and(about, eq(tasks.status, 'Open')))
    .orderBy(sql`${tasks.dueAt} is null`, asc(tasks.dueAt), asc(tasks.id))
    .limit(limit)
    .all()
    .map(toTask);
}

/** The task list: by status, soonest due first, undated last. */
export function listTasks(
  db: Db,
  filter: { status: Task['status'][]; limit: number; offset: number },
): { items: Task[]; total: number } {
  const where = filter.status.length > 0 ? inArray(tasks.status, filter.status) : undefined;
  const items = db
    .select()
    .from(tasks)
    .where(where)
    .orderBy(sql`${tasks.dueAt} is null`, asc(tasks.dueAt), asc(tasks.id))
    .limit(filter.limit)
    .offset(filter.offset)
    .all()
    .map(toTask);
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(tasks)
      .where(where)
      .get()?.n ?? 0;
  return { items, total };
}

export function setTaskStatus({ db }: WriteTx, id: string, status: Task['status'], at: string): Task | null {
  db.update(tasks).set({ status, updatedAt: at }).where(eq(tasks.id, id)).run();
  return getTask(db, id);
}

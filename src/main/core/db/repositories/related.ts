import type { RelatedRef, RelatedType } from '../../../../shared/domain/call';

/** The three columns a related record is stored in (calls, tasks, notes). */
export function relatedColumns(related: RelatedRef | null) {
  return {
    relatedType: related?.type ?? null,
    relatedId: related?.id ?? null,
    relatedName: related?.name ?? null,
  };
}

export function relatedFromColumns(row: {
  relatedType: RelatedType | null;
  relatedId: string | null;
  relatedName: string | null;
}): RelatedRef | null {
  return row.relatedType && row.relatedId
    ? { type: row.relatedType, id: row.relatedId, name: row.relatedName ?? '' }
    : null;
}

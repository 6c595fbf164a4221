import { z } from 'zod';
import { Id } from '../domain/primitives';
import { TagName } from '../domain/tag-set';
import { CallTableFilter } from './call-table';
import type { ApiTable, EventTable } from './table';

/**
 * Bulk actions on calls: what the agent selected in the calls table (rows ticked one by
 * one or by shift-click ranges, or "all matching the filter", which includes calls not
 * loaded on screen and is resolved by the core), and what to do to them. Each call gets
 * its own outbox mutation, so the server checks each one (company, who may change it).
 */

export const MAX_BULK_CALLS = 200_000;

export const BulkSelection = z.union([
  z.object({ ids: z.array(Id).min(1, 'Select at least one call.').max(MAX_BULK_CALLS) }).strict(),
  z
    .object({
      /** Every call the filter matches, as the table shows them… */
      filter: CallTableFilter,
      /** …but these, unticked after "select all". */
      except: z.array(Id).max(MAX_BULK_CALLS).default([]),
    })
    .strict(),
]);
export type BulkSelection = z.infer<typeof BulkSelection>;

export const BulkAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tag'), tag: TagName }).strict(),
  z.object({ kind: z.literal('untag'), tag: TagName }).strict(),
  z
    .object({ kind: z.literal('disposition'), code: z.string().trim().min(1, 'Choose a disposition.').max(64) })
    .strict(),
  z
    .object({
      kind: z.literal('spam'),
      reason: z.string().trim().min(1, 'Say why these calls are spam.').max(500, 'A reason is at most 500 characters.'),
    })
    .strict(),
  /** Supervisors and admins only: gives the calls to another user of the company. */
  z.object({ kind: z.literal('owner'), ownerId: z.string().min(1, 'Choose who gets the calls.').pipe(Id) }).strict(),
]);
export type BulkAction = z.infer<typeof BulkAction>;

export const BulkResult = z.object({
  /** Calls the action changed. */
  changed: z.number().int(),
  /** Calls selected that needed no change (already tagged) or could not take it (a disposition that does not fit). */
  skipped: z.number().int(),
  /** What happened, in words: shown in the bulk bar with its Undo. */
  summary: z.string(),
  /** An Undo is waiting for this action. */
  undoable: z.boolean(),
});
export type BulkResult = z.infer<typeof BulkResult>;

export const bulkApi = {
  'calls.bulk': {
    input: z.object({ selection: BulkSelection, action: BulkAction }).strict(),
    output: BulkResult,
    summary:
      'Tags, untags, sets a disposition on, marks as spam, or (supervisors) changes the owner of the selected calls (one synced mutation per call).',
  },
  'calls.bulkUndo': {
    input: z.object({}).strict(),
    output: BulkResult,
    summary: 'Undoes the last bulk action on this desktop (synced like any change).',
  },
} as const satisfies ApiTable;

export const bulkEvents = {
  /** A bulk action is under way: `done` of `total` calls written. */
  'bulk.progress': z.object({ done: z.number().int(), total: z.number().int() }),
} as const satisfies EventTable;

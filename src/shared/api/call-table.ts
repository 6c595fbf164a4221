import { z } from 'zod';
import { CallDirection, CallRecord, CallStatus } from '../domain/call';
import { Id } from '../domain/primitives';
import type { ApiTable } from './table';

/** A day in the agent's zone, as a date input gives it ("2026-12-01"). */
const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date is written YYYY-MM-DD.');

/**
 * What the calls table shows: the one filter object. The table, a saved view's live
 * count, the CSV export and "select all matching" (bulk actions) all run this same
 * object through the same core query (repositories/call-table.ts), so what the agent
 * sees is what an export or a bulk action touches. New criteria (tags) go here and in
 * that query's `whereOfTable`, nowhere else.
 */
export const CallTableFilter = z
  .object({
    direction: CallDirection.optional(),
    status: z.array(CallStatus).max(4).optional(),
    /** From this day (inclusive) to that day (inclusive), in the agent's zone, by when the call happened or is planned. */
    fromDate: LocalDate.optional(),
    toDate: LocalDate.optional(),
    ownerId: Id.optional(),
    /** Disposition codes (any of them). */
    disposition: z.array(z.string().min(1).max(64)).max(50).optional(),
    /** A number in any format (read with phoneSearchKey), or at least three of its digits. */
    number: z.string().max(64).optional(),
    hasRecording: z.boolean().optional(),
    /** Finished calls (held or not held) still without a disposition code. */
    needsDisposition: z.boolean().optional(),
    /** Free text over subject, outcome, participant names and notes. */
    search: z.string().max(200).optional(),
    /** Calls carrying any of these tags. */
    tags: z.array(z.string().trim().min(1).max(50)).max(20).optional(),
  })
  .strict();
export type CallTableFilter = z.infer<typeof CallTableFilter>;

/** The columns the table can show, in the default order. */
export const CallColumnId = z.enum([
  'when',
  'direction',
  'subject',
  'who',
  'number',
  'status',
  'disposition',
  'duration',
  'owner',
  'recording',
]);
export type CallColumnId = z.infer<typeof CallColumnId>;
export const allCallColumns = CallColumnId.options;

/** The columns the table can sort by: each has an index, so a page is a seek at any size. */
export const CallSortColumn = z.enum(['when', 'subject', 'duration']);
export type CallSortColumn = z.infer<typeof CallSortColumn>;

export const CallTableSort = z.object({ column: CallSortColumn, direction: z.enum(['asc', 'desc']) }).strict();
export type CallTableSort = z.infer<typeof CallTableSort>;

/** Where the last page ended: the last row's sort value and its seq (a tie-breaker). */
export const CallTableCursor = z
  .object({ key: z.union([z.string().max(600), z.number(), z.null()]), seq: z.number().int() })
  .strict();
export type CallTableCursor = z.infer<typeof CallTableCursor>;

export const Density = z.enum(['comfortable', 'compact']);
export type Density = z.infer<typeof Density>;

/** How the agent left the table: restored on the next start. */
export const CallTableLayout = z
  .object({
    filter: CallTableFilter,
    sort: CallTableSort,
    /** The columns shown, in their order. */
    columns: z.array(CallColumnId).min(1).max(allCallColumns.length),
    density: Density,
  })
  .strict();
export type CallTableLayout = z.infer<typeof CallTableLayout>;

export const defaultCallTableLayout: CallTableLayout = {
  filter: {},
  sort: { column: 'when', direction: 'desc' },
  columns: ['when', 'direction', 'subject', 'who', 'status', 'disposition', 'duration'],
  density: 'comfortable',
};

/** A named layout the agent can come back to, pinned to the navigation with its live count. */
export const CallView = z
  .object({
    id: Id,
    name: z.string().trim().min(1, 'Give the view a name.').max(60, 'A view name is at most 60 characters.'),
    layout: CallTableLayout,
    pinned: z.boolean(),
    /** `personal`: this desktop's; `company`: shared by a supervisor through the CRM server (read-only here). */
    scope: z.enum(['personal', 'company']),
  })
  .strict();
export type CallView = z.infer<typeof CallView>;

/** A company view as a supervisor sends it to the CRM server (PUT /call-views/:id). */
export const CompanyCallViewInput = CallView.pick({ name: true, layout: true, pinned: true }).strict();
export type CompanyCallViewInput = z.infer<typeof CompanyCallViewInput>;

/** As many calls as a bulk action may select (shared/api/bulk.ts). */
const MAX_PICKED_CALLS = 200_000;

/**
 * Rows picked from the view for an export (the bulk bar's selection): only these calls
 * of the filter's (ticked one by one or by shift-click ranges), or every call the filter
 * matches but these (unticked after "select all matching").
 */
export const CallPick = z.union([
  z.object({ ids: z.array(Id).min(1, 'Select at least one call.').max(MAX_PICKED_CALLS) }).strict(),
  z.object({ except: z.array(Id).max(MAX_PICKED_CALLS) }).strict(),
]);
export type CallPick = z.infer<typeof CallPick>;

export const CallTablePageInput = z
  .object({
    filter: CallTableFilter,
    sort: CallTableSort.default({ column: 'when', direction: 'desc' }),
    after: CallTableCursor.nullable().default(null),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

export const callTableApi = {
  'calls.table': {
    input: CallTablePageInput,
    output: z.object({ items: z.array(CallRecord), next: CallTableCursor.nullable() }),
    summary: 'One page of the calls table (keyset: pass `next` back as `after` for the following page).',
  },
  'calls.tableCount': {
    input: z.object({ filter: CallTableFilter }).strict(),
    output: z.object({ total: z.number().int() }),
    summary: 'How many calls a filter matches (the table footer, a view’s live count).',
  },
  'calls.exportCsv': {
    input: z
      .object({
        filter: CallTableFilter,
        sort: CallTableSort,
        columns: z.array(CallColumnId).min(1).max(allCallColumns.length),
        after: CallTableCursor.nullable().default(null),
        /** Rows in this chunk; the UI asks chunk after chunk to show progress. */
        limit: z.number().int().min(1).max(5000).default(2000),
        /** Only the rows picked in the table (the bulk bar's selection); without it, the whole view. */
        pick: CallPick.optional(),
      })
      .strict(),
    output: z.object({ csv: z.string(), rows: z.number().int(), next: CallTableCursor.nullable() }),
    summary:
      'A chunk of the current view, or of the rows picked in it, as CSV (RFC 4180, formula-safe); the first chunk starts with the header.',
  },
  'callTable.layout': {
    input: z.object({}).strict(),
    output: CallTableLayout,
    summary: 'The calls table as the agent left it (filters, sort, columns, density).',
  },
  'callTable.saveLayout': {
    input: CallTableLayout,
    output: CallTableLayout,
    summary: 'Remembers the calls table’s filters, sort, columns and density on this desktop.',
  },
  'callViews.list': {
    input: z.object({}).strict(),
    output: z.object({ items: z.array(CallView) }),
    summary: 'Saved views: the agent’s own, then the company’s.',
  },
  'callViews.save': {
    input: CallView.omit({ scope: true }).extend({ id: Id.optional() }).strict(),
    output: CallView,
    summary: 'Saves (or renames, re-pins, updates) a personal view.',
  },
  'callViews.remove': {
    input: z.object({ id: Id }).strict(),
    output: z.object({ items: z.array(CallView) }),
    summary: 'Deletes a personal view.',
  },
} as const satisfies ApiTable;

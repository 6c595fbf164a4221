import { and, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { CallDirection, CallStatus, RelatedType } from '../../shared/domain/call';
import { phoneSearchKey } from '../../shared/domain/phone';
import { Id, ID_PATTERN, inSaneYears, MAX_YEAR, MIN_YEAR } from '../../shared/domain/primitives';
import type { Principal } from '../auth/tokens';
import { calls } from '../db/schema';
import { visibleCalls } from './visibility';

/** A point in time as a query parameter: an ISO date-time with offset, or a date (its UTC midnight). */
const When = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .refine(inSaneYears, `Use a date between ${MIN_YEAR} and ${MAX_YEAR}.`)
  .transform((text) => new Date(text));

/** `status=Held,NotHeld` or `status=Held&status=NotHeld`. */
const statusList = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : [value]).flatMap((part) => part.split(',')).filter(Boolean))
  .pipe(z.array(CallStatus));

/** Filters shared by the call list and the CSV export, so both select the same calls. */
export const CallFilters = z.object({
  status: statusList.optional(),
  direction: CallDirection.optional(),
  /** Inclusive start and exclusive end, on when the call happened (or is planned). */
  from: When.optional(),
  to: When.optional(),
  owner: Id.optional(),
  /** `type:id`, e.g. `account:0193…`. */
  related: z
    .string()
    .regex(
      new RegExp(`^(account|contact|lead|opportunity|case):${ID_PATTERN.source.slice(1)}`),
      'Use related=type:id, e.g. related=contact:123',
    )
    .transform((value) => {
      const at = value.indexOf(':');
      return { type: RelatedType.parse(value.slice(0, at)), id: value.slice(at + 1) };
    })
    .optional(),
  /**
   * Free text over subject, outcome, related name and participant names; a phone number
   * in any format also finds the calls from or to it (the desktop's rule, phone.ts).
   */
  q: z.string().trim().min(1).max(200).optional(),
  /** The country (ISO 3166 alpha-2) of a number in `q` typed without its +country code. */
  region: z
    .string()
    .regex(/^[A-Z]{2}$/, 'Use region=US, GB, DE… (two capital letters).')
    .optional(),
});
export type CallFilters = z.output<typeof CallFilters>;

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** The caller's visibility first, then the filters: a filter can narrow what one sees, never widen it. */
export function callFilterWhere(principal: Principal, filters: CallFilters): SQL {
  const pattern = filters.q ? likePattern(filters.q) : undefined;
  // Without a region only a number written with its +country code is read as one.
  const number = filters.q ? phoneSearchKey(filters.q, filters.region ?? '') : null;
  return and(
    visibleCalls(principal),
    filters.status?.length ? inArray(calls.status, filters.status) : undefined,
    filters.direction ? eq(calls.direction, filters.direction) : undefined,
    filters.from ? gte(calls.occurredAt, filters.from) : undefined,
    filters.to ? lt(calls.occurredAt, filters.to) : undefined,
    filters.owner ? eq(calls.ownerId, filters.owner) : undefined,
    filters.related
      ? and(eq(calls.relatedType, filters.related.type), eq(calls.relatedId, filters.related.id))
      : undefined,
    pattern
      ? or(
          ilike(calls.subject, pattern),
          ilike(calls.outcomeText, pattern),
          ilike(calls.relatedName, pattern),
          sql`${calls.participants}::text ilike ${pattern}`,
          number ? or(eq(calls.fromNumber, number), eq(calls.toNumber, number)) : undefined,
        )
      : undefined,
  )!;
}

/** Keyset pagination, newest first: a page is stable while new calls arrive, unlike an offset. */
export interface CallPosition {
  occurredAt: Date;
  id: string;
}

export function encodePosition(position: CallPosition): string {
  return Buffer.from(JSON.stringify([position.occurredAt.toISOString(), position.id])).toString('base64url');
}

export function decodePosition(text: string): CallPosition | null {
  try {
    const [at, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [string, string];
    const occurredAt = new Date(at);
    if (typeof id !== 'string' || Number.isNaN(occurredAt.getTime())) return null;
    return { occurredAt, id };
  } catch {
    return null;
  }
}

export function beforePosition(position: CallPosition | null): SQL | undefined {
  return position ? sql`(${calls.occurredAt}, ${calls.id}) < (${position.occurredAt}, ${position.id})` : undefined;
}

export const newestFirst = [desc(calls.occurredAt), desc(calls.id)];

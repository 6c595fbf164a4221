import type { RelatedRef } from '../../shared/domain/call';
import type { SmsMessage } from '../../shared/sms/message';
import { smsMessages } from '../db/schema-sms';

/** Row ⇄ record mapping for text messages, as sync pulls carry them. */

export type SmsRow = typeof smsMessages.$inferSelect;

export function smsMessageOf(row: SmsRow): SmsMessage {
  return {
    id: row.id,
    direction: row.direction,
    status: row.status,
    customerNumber: row.customerNumber,
    companyNumber: row.companyNumber,
    body: row.body,
    related:
      row.relatedType && row.relatedId
        ? { type: row.relatedType as RelatedRef['type'], id: row.relatedId, name: row.relatedName ?? '' }
        : null,
    authorId: row.authorId,
    errorCode: row.errorCode,
    errorReason: row.errorReason,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function relatedColumnsOf(related: RelatedRef | null) {
  return { relatedType: related?.type ?? null, relatedId: related?.id ?? null, relatedName: related?.name ?? null };
}

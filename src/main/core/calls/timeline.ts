import type { TimelineItem } from '../../../shared/api/line';
import type { CallRecord, RelatedType } from '../../../shared/domain/call';
import { dispositionLabel, type DispositionCode } from '../../../shared/domain/disposition';
import { appointmentStatusLabel, describeVisit } from '../../../shared/domain/appointment';
import type { Db } from '../db/client';
import { appointmentsOfCalls } from '../db/repositories/appointments';
import { listCalls, type RelatedKey } from '../db/repositories/calls';
import { contactsOfAccount } from '../db/repositories/contacts';

/**
 * A record's call history, newest first. "Linked" means: the call's related record is
 * this one, or this person took part. An account's timeline also has every call with
 * its contacts (a call logged against a contact is still a call with the account).
 */
export function callTimeline(
  db: Db,
  dispositions: readonly DispositionCode[],
  related: { type: RelatedType; id: string },
  limit: number,
): TimelineItem[] {
  const links: RelatedKey[] = [related];
  const people: string[] = related.type === 'contact' || related.type === 'lead' ? [related.id] : [];
  if (related.type === 'account') {
    for (const contact of contactsOfAccount(db, related.id)) {
      links.push({ type: 'contact', id: contact.id });
      people.push(contact.id);
    }
  }
  const { items } = listCalls(db, { linkedTo: { related: links, participantIds: people }, limit, offset: 0 });
  const visits = visitsBookedOn(
    db,
    items.map((call) => call.id),
  );
  return items.map((call) => ({ ...toTimelineItem(call, dispositions), visits: visits.get(call.id) ?? [] }));
}

/** The visits booked on these calls, in words, by call: the timeline shows what a call led to. */
function visitsBookedOn(db: Db, callIds: string[]): Map<string, string[]> {
  const byCall = new Map<string, string[]>();
  for (const visit of appointmentsOfCalls(db, callIds)) {
    const words = `${describeVisit(visit)} · ${visit.serviceType} · ${appointmentStatusLabel[visit.status]}`;
    byCall.set(visit.callId!, [...(byCall.get(visit.callId!) ?? []), words]);
  }
  return byCall;
}

function toTimelineItem(call: CallRecord, dispositions: readonly DispositionCode[]): Omit<TimelineItem, 'visits'> {
  const held = call.status === 'Held';
  return {
    id: call.id,
    isDemo: call.isDemo,
    status: call.status,
    statusReason: call.statusReason,
    direction: call.direction,
    subject: call.subject,
    participants: call.participants,
    plannedStart: call.plannedStart?.utc ?? null,
    actualStart: call.actualStart,
    actualEnd: call.actualEnd,
    durationSeconds: held ? call.durationSeconds : null,
    dispositionCode: call.outcome.dispositionCode,
    dispositionLabel: dispositionLabel(dispositions, call.outcome.dispositionCode),
    outcomeText: call.outcome.text,
    fromNumber: call.fromNumber,
    toNumber: call.toNumber,
    at: call.actualStart ?? call.plannedStart?.utc ?? call.createdAt,
  };
}

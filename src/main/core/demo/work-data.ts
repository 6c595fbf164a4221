import type { CallRecord, RelatedRef } from '../../../shared/domain/call';
import { displayName, type Account, type Case, type Contact, type Opportunity } from '../../../shared/domain/directory';
import type { Note, Task } from '../../../shared/domain/work';
import type { Teammate } from '../../../shared/api/teammates';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface DemoRefs {
  contact: (key: string) => Contact;
  account: (key: string) => Account;
  /** By account key. */
  opportunities: Map<string, Opportunity>;
  /** By contact key. */
  cases: Map<string, Case>;
  calls: CallRecord[];
}

interface Clock {
  nowMs: number;
  userId: string;
  id: (ms: number) => string;
}

const contactRef = (c: Contact): RelatedRef => ({ type: 'contact', id: c.id, name: displayName(c) });
const oppRef = (o: Opportunity | undefined): RelatedRef | null =>
  o ? { type: 'opportunity', id: o.id, name: o.name } : null;
const caseRef = (c: Case | undefined): RelatedRef | null =>
  c ? { type: 'case', id: c.id, name: `Case ${c.number}: ${c.subject}` } : null;

/** Open follow-ups (one overdue, one undated) and one done, tied to demo records. */
export function demoTasks(refs: DemoRefs, { nowMs, userId, id }: Clock): Task[] {
  const created = new Date(nowMs - 3 * DAY).toISOString();
  const task = (
    subject: string,
    related: RelatedRef | null,
    dueInHours: number | null,
    extra: Partial<Task> = {},
  ): Task => ({
    id: id(nowMs - 3 * DAY),
    subject,
    dueAt: dueInHours === null ? null : new Date(nowMs + dueInHours * HOUR).toISOString(),
    status: 'Open',
    priority: 'Normal',
    related,
    callId: null,
    ownerId: userId,
    isDemo: true,
    createdAt: created,
    updatedAt: created,
    ...extra,
  });
  const fabrikam = refs.account('fabrikam');
  return [
    task('Send the revised renewal proposal', oppRef(refs.opportunities.get('northwind')), 24, { priority: 'High' }),
    task('Confirm the SSO fix with Kavya', caseRef(refs.cases.get('kavya')), 4, { priority: 'High' }),
    task('Chase the VAT correction with billing', caseRef(refs.cases.get('mathilde')), 48),
    task('Send volume discounts to Mia', contactRef(refs.contact('mia')), -20),
    task('Prepare the QBR deck', { type: 'account', id: fabrikam.id, name: fabrikam.name }, null, { priority: 'Low' }),
    task('Email Ana the revised terms', contactRef(refs.contact('ana')), 30),
    task('Call Hugo about the delivery window', contactRef(refs.contact('hugo')), -48, { status: 'Done' }),
  ];
}

/** A few notes on contacts and on calls. */
export function demoNotes(refs: DemoRefs, { nowMs, userId, id }: Clock): Note[] {
  const note = (body: string, related: RelatedRef | null, callId: string | null, daysAgo: number): Note => ({
    id: id(nowMs - daysAgo * DAY),
    body,
    category: 'general',
    callId,
    related,
    authorId: userId,
    createdAt: new Date(nowMs - daysAgo * DAY).toISOString(),
    isDemo: true,
  });
  const firstCallWith = (subject: string) => refs.calls.find((c) => c.subject === subject)?.id ?? null;
  return [
    note(
      'Prefers calls before 11:00 her time. Decision by end of quarter.',
      contactRef(refs.contact('alice')),
      null,
      20,
    ),
    note(
      'Board meets on the 1st Tuesday of the month.',
      contactRef(refs.contact('oliver')),
      firstCallWith('Expansion proposal walkthrough'),
      4,
    ),
    note('Speaks German and English; send documents in German.', contactRef(refs.contact('lena')), null, 15),
    note(
      'Firmware 4.2.1 is the culprit; rollback restores tracking.',
      caseRef(refs.cases.get('jonas')),
      firstCallWith('Units offline after update'),
      2,
    ),
  ];
}

/** Colleagues to invite to a call, until the CRM server's user list replaces them. */
export function demoTeammates(random: { id: (ms: number) => string }): Teammate[] {
  const names: [string, string, Teammate['role']][] = [
    ['Priya Raman', 'priya.raman@demo.switchboard.test', 'agent'],
    ['Marco Bianchi', 'marco.bianchi@demo.switchboard.test', 'agent'],
    ['Jonas Weber', 'jonas.weber@demo.switchboard.test', 'supervisor'],
  ];
  return names.map(([name, email, role], i) => ({ id: random.id(i), name, email, role }));
}

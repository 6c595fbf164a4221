import { reminderId } from '../../../shared/domain/reminder-rules';
import { eq, sql } from 'drizzle-orm';
import type { CallRecord, Participant, RelatedRef } from '../../../shared/domain/call';
import {
  displayName,
  emptyProfile,
  type Account,
  type Case,
  type Contact,
  type Lead,
  type Opportunity,
  type PhoneNumber,
} from '../../../shared/domain/directory';
import { createCall, transition, type StatusChange } from '../../../shared/domain/lifecycle';
import { normalizePhone } from '../../../shared/domain/phone';
import { resolveLocalDateTime } from '../../../shared/domain/time';
import type { Note, Reminder, Task } from '../../../shared/domain/work';
import type { LocalDb } from '../db/open';
import { writeUnsynced } from '../sync/mutate';
import { insertAccount } from '../db/repositories/accounts';
import { insertCall } from '../db/repositories/calls';
import { insertCase } from '../db/repositories/cases';
import { insertContact } from '../db/repositories/contacts';
import { insertLead } from '../db/repositories/leads';
import { insertNote } from '../db/repositories/notes';
import { insertOpportunity } from '../db/repositories/opportunities';
import { insertReminder } from '../db/repositories/reminders';
import { insertTask } from '../db/repositories/tasks';
import { replaceTeammates } from '../db/repositories/teammates';
import { accounts, calls, contacts, settings } from '../db/schema';
import { demoCallScripts, type DemoCallScript } from './call-plan';
import { demoCases, demoLeads, demoOpportunities } from './crm-data';
import { demoAccounts, demoContacts, type DemoPhone } from './directory-data';
import { createRandom, type Random } from './random';
import { demoNotes, demoTasks, demoTeammates } from './work-data';

const DAY = 86_400_000;
const seededKey = 'demoSeededAt';

export interface DemoSeedOptions {
  now: Date;
  /** The local agent: owner of the demo calls and tasks. */
  userId: string;
  agentName: string;
}

/**
 * Seeds the demo on a first start: only into an empty store, and only once. Removing
 * the demo in Settings must stay removed, so a later start that finds the store empty
 * again does not bring it back (the seeding is remembered in settings).
 */
export function seedDemoIfFirstStart(local: LocalDb, options: DemoSeedOptions): boolean {
  const { db } = local;
  if (db.select().from(settings).where(eq(settings.key, seededKey)).get()) return false;
  const anyRow = (table: typeof accounts | typeof contacts | typeof calls) =>
    (db
      .select({ n: sql<number>`count(*)` })
      .from(table)
      .get()?.n ?? 0) > 0;
  if (anyRow(accounts) || anyRow(contacts) || anyRow(calls)) return false;
  seedDemo(local, options);
  return true;
}

/**
 * Writes the whole demo in one transaction, every row flagged is_demo. Nothing goes to
 * the outbox: demo data must never reach a real CRM.
 */
export function seedDemo(local: LocalDb, options: DemoSeedOptions): void {
  const random = createRandom(0x5b0a2d);
  const build = buildDemo(random, options);
  writeUnsynced(local, 'demo data', (tx) => {
    const { db } = tx;
    for (const account of build.accounts.values()) insertAccount(db, account);
    for (const contact of build.contacts.values()) insertContact(tx, contact);
    for (const lead of build.leads) insertLead(db, lead);
    for (const opportunity of build.opportunities.values()) insertOpportunity(db, opportunity);
    for (const record of build.cases.values()) insertCase(db, record);
    for (const call of build.calls) insertCall(tx, call);
    for (const reminder of build.reminders) insertReminder(db, reminder);
    replaceTeammates(tx, demoTeammates(random), { demo: true });
    for (const task of build.tasks) insertTask(tx, task);
    for (const note of build.notes) insertNote(tx, note);
    db.insert(settings).values({ key: seededKey, value: options.now.toISOString() }).run();
  });
}

function demoPhones(phones: DemoPhone[], region: string): PhoneNumber[] {
  return phones.map(({ kind, number }) => {
    const normalized = normalizePhone(number, region);
    if (!normalized) throw new Error(`Demo number ${number} (${region}) does not normalise.`);
    return { kind, e164: normalized.e164, extension: normalized.extension ?? null };
  });
}

/** The calendar date of an instant in a zone, as YYYY-MM-DD. */
function localDate(instant: number, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(instant),
  );
}

function buildDemo(random: Random, { now, userId, agentName }: DemoSeedOptions) {
  const nowMs = now.getTime();
  const created = new Date(nowMs - 60 * DAY).toISOString();
  const stamp = { isDemo: true, createdAt: created, updatedAt: created };
  const idAt = (ms: number) => random.id(ms);

  const accountsByKey = new Map<string, Account>();
  for (const a of demoAccounts) {
    const { key, phones, ...rest } = a;
    accountsByKey.set(key, {
      ...emptyProfile,
      ...rest,
      ...stamp,
      id: idAt(nowMs - 60 * DAY),
      phones: demoPhones(phones, a.country),
    });
  }
  const account = (key: string) => {
    const found = accountsByKey.get(key);
    if (!found) throw new Error(`Unknown demo account ${key}`);
    return found;
  };

  const contactsByKey = new Map<string, Contact>();
  for (const p of demoContacts) {
    contactsByKey.set(p.key, {
      ...stamp,
      ...emptyProfile,
      id: idAt(nowMs - 59 * DAY),
      firstName: p.firstName,
      lastName: p.lastName,
      title: p.title,
      email: p.email,
      accountId: p.account ? account(p.account).id : null,
      phones: demoPhones(p.phones, p.country),
      tags: p.tags,
      doNotContact: p.doNotContactReason !== undefined,
      doNotContactReason: p.doNotContactReason ?? null,
      timeZone: p.timeZone,
    });
  }
  const contact = (key: string) => {
    const found = contactsByKey.get(key);
    if (!found) throw new Error(`Unknown demo contact ${key}`);
    return found;
  };

  const leads: Lead[] = demoLeads.map((p) => ({
    ...stamp,
    id: idAt(nowMs - 30 * DAY),
    firstName: p.firstName,
    lastName: p.lastName,
    title: p.title,
    email: p.email,
    company: p.company,
    status: p.status,
    phones: demoPhones(p.phones, p.country),
    tags: p.tags,
    doNotContact: false,
    doNotContactReason: null,
    timeZone: p.timeZone,
  }));

  const opportunities = new Map<string, Opportunity>(
    demoOpportunities.map((o) => [
      o.account,
      {
        ...stamp,
        id: idAt(nowMs - 50 * DAY),
        accountId: account(o.account).id,
        name: o.name,
        stage: o.stage,
        amountCents: o.amountCents,
        currency: o.currency,
        closeDate: new Date(nowMs + o.closeInDays * DAY).toISOString().slice(0, 10),
      },
    ]),
  );
  const cases = new Map<string, Case>(
    demoCases.map((c) => [
      c.contact,
      {
        ...stamp,
        id: idAt(nowMs - 20 * DAY),
        accountId: account(c.account).id,
        contactId: contact(c.contact).id,
        number: c.number,
        subject: c.subject,
        status: c.status,
        priority: c.priority,
      },
    ]),
  );

  const me: Participant = { kind: 'user', id: userId, role: 'organizer', name: agentName };
  const relatedFor = (script: DemoCallScript, person: Contact): RelatedRef => {
    const acc = person.accountId ? [...accountsByKey.values()].find((a) => a.id === person.accountId) : undefined;
    const accountKey = demoContacts.find((p) => p.key === script.contact)?.account ?? '';
    if (script.relatedTo === 'opportunity') {
      const opp = opportunities.get(accountKey);
      if (opp) return { type: 'opportunity', id: opp.id, name: opp.name };
    }
    if (script.relatedTo === 'case') {
      const found = cases.get(script.contact);
      if (found) return { type: 'case', id: found.id, name: `Case ${found.number}: ${found.subject}` };
    }
    if (script.relatedTo === 'account' && acc) return { type: 'account', id: acc.id, name: acc.name };
    return { type: 'contact', id: person.id, name: displayName(person) };
  };

  const demoCalls: CallRecord[] = [];
  const reminders: Reminder[] = [];
  for (const script of demoCallScripts) {
    const person = contact(script.contact);
    const zone = person.timeZone ?? 'UTC';
    const local = `${localDate(nowMs - script.daysAgo * DAY, zone)}T${String(script.hour).padStart(2, '0')}:00`;
    let start = Date.parse(resolveLocalDateTime(local, zone));
    // A past call must really be past, whatever hour it is now where the contact is.
    if (script.daysAgo > 0 && start > nowMs - 3_600_000) start -= DAY;
    const call = buildCall(random, script, { person, start, me, related: relatedFor(script, person), zone, userId });
    demoCalls.push(call);
    if (call.status === 'Planned' && call.plannedStart && Date.parse(call.plannedStart.utc) > nowMs) {
      const remindAt = new Date(Date.parse(call.plannedStart.utc) - 15 * 60_000).toISOString();
      reminders.push({
        id: reminderId(call.id, userId, 15),
        callId: call.id,
        recipientId: userId,
        offsetMinutes: 15,
        remindAt,
        firedAt: null,
        dismissedAt: null,
      });
    }
  }

  const refs = { contact, account, opportunities, cases, calls: demoCalls };
  const tasks: Task[] = demoTasks(refs, { nowMs, userId, id: idAt });
  const notes: Note[] = demoNotes(refs, { nowMs, userId, id: idAt });

  return {
    accounts: accountsByKey,
    contacts: contactsByKey,
    leads,
    opportunities,
    cases,
    calls: demoCalls,
    reminders,
    tasks,
    notes,
  };
}

function buildCall(
  random: Random,
  script: DemoCallScript,
  ctx: { person: Contact; start: number; me: Participant; related: RelatedRef; zone: string; userId: string },
): CallRecord {
  const { person, start, me, related, zone, userId } = ctx;
  const them: Participant = { kind: 'contact', id: person.id, role: 'attendee', name: displayName(person) };
  const participants =
    script.direction === 'Outbound'
      ? [me, them]
      : [
          { ...them, role: 'organizer' as const },
          { ...me, role: 'attendee' as const },
        ];
  const number = person.phones[0]?.e164 ?? null;
  const steps = script.steps;
  const iso = (ms: number) => new Date(ms).toISOString();
  // Earlier steps happened a day apart before the last one; a planned call was
  // planned two days before its first step.
  const stepAt = (index: number) => start - (steps.length - 1 - index) * DAY;
  const plannedFirst = steps[0]?.to === 'Planned';
  const createdAt = plannedFirst ? stepAt(0) - 2 * DAY : stepAt(0);
  const startLocal = new Intl.DateTimeFormat('sv-SE', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(new Date(start))
    .replace(' ', 'T');

  const changeFor = (index: number): StatusChange => {
    const step = steps[index]!;
    const at = step.to === 'Held' ? stepAt(index) + (step.durationSeconds ?? 0) * 1000 : stepAt(index);
    return {
      to: step.to,
      reason: step.reason ?? null,
      actualStart: step.to === 'Held' ? iso(stepAt(index)) : null,
      actualEnd: step.to === 'Held' ? iso(at) : null,
      at: iso(index === 0 ? createdAt : at),
      by: userId,
    };
  };

  const first = createCall(
    {
      id: random.id(createdAt),
      direction: script.direction,
      subject: script.subject,
      plannedStart: plannedFirst ? { local: startLocal, zone, utc: iso(start) } : null,
      outcome: { dispositionCode: script.disposition ?? null, text: script.outcome ?? '' },
      participants,
      related,
      ownerId: userId,
      teamId: null,
      fromNumber: script.direction === 'Inbound' ? number : null,
      toNumber: script.direction === 'Outbound' ? number : null,
      providerCallId: null,
      recordingUrl: null,
      isDemo: true,
    },
    changeFor(0),
  );
  if (!first.ok) throw new Error(`Demo call "${script.subject}": ${first.error.message}`);
  let call = first.value;
  for (let i = 1; i < steps.length; i++) {
    const next = transition(call, changeFor(i));
    if (!next.ok) throw new Error(`Demo call "${script.subject}": ${next.error.message}`);
    call = next.value;
  }
  return call;
}

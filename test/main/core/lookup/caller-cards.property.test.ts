import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallRecord, Participant, RelatedRef } from '../../../../src/shared/domain/call';
import type { Account, Contact, Lead, PhoneNumber } from '../../../../src/shared/domain/directory';
import { emptyProfile } from '../../../../src/shared/domain/directory';
import type { Task } from '../../../../src/shared/domain/work';
import { insertCall, updateCall, getCall } from '../../../../src/main/core/db/repositories/calls';
import { insertContact } from '../../../../src/main/core/db/repositories/contacts';
import { removeDemo } from '../../../../src/main/core/db/repositories/demo';
import { replacePhones } from '../../../../src/main/core/db/repositories/phones';
import { insertTask, setTaskStatus } from '../../../../src/main/core/db/repositories/tasks';
import type { LocalDb } from '../../../../src/main/core/db/open';
import { createScreenPopLookup } from '../../../../src/main/core/lookup/screen-pop';
import { deleteRecord, writeRecord } from '../../../../src/main/core/sync/cache-write';
import { fixtureTx, openTestDb, sampleCall } from '../helpers';
import { createReferenceLookup, referencePhoneFacts, storedPhoneFacts } from './reference-screen-pop';

/**
 * Caller cards are derived data kept by triggers (migration 0005). Whatever sequence of
 * writes happens — through the repositories and the sync cache writer, the two paths
 * every handler, wrap-up and sync apply use — the card-based pop must equal the pop
 * computed from scratch by the old query path (reference-screen-pop.ts), for every
 * number; and every phone row and its card row must hold the number's display form and
 * country zone (migration 0007) as the reference derives them. A tiny universe (two of
 * each record, three numbers, three calls, three instants) makes shared numbers, edits
 * of the same record and ties in time frequent: with a larger one, dropping a single
 * trigger went unnoticed.
 */

const numbers = ['+14155550100', '+442079460000', '+4930901820'];
const unknownNumber = '+14155550199';
const zones = [null, 'Europe/London', 'America/New_York', 'Not/AZone'];
const days = ['2026-06-01T10:00:00.000Z', '2026-06-02T10:00:00.000Z', '2026-06-03T10:00:00.000Z'];
const at = '2026-06-01T09:00:00.000Z';
const now = () => new Date('2026-07-01T16:30:00.000Z');

const accountId = (i: number) => `0190a1b2-0000-7000-8000-00000000a00${i}`;
const contactId = (i: number) => `0190a1b2-0000-7000-8000-00000000c00${i}`;
const leadId = (i: number) => `0190a1b2-0000-7000-8000-00000000e00${i}`;
const callId = (i: number) => `0190a1b2-0000-7000-8000-0000000ca10${i}`;
const taskId = (i: number) => `0190a1b2-0000-7000-8000-00000000f00${i}`;

const phonesArb: fc.Arbitrary<PhoneNumber[]> = fc.array(
  fc.record({
    kind: fc.constantFrom('work' as const, 'mobile' as const, 'home' as const),
    e164: fc.constantFrom(...numbers),
    extension: fc.constant(null),
  }),
  { minLength: 1, maxLength: 2 },
);
const person = {
  firstName: fc.constantFrom('', 'Ada', 'Grace'),
  lastName: fc.constantFrom('Lovelace', 'Hopper'),
  title: fc.constantFrom('', 'Buyer'),
  tags: fc.constantFrom<string[][]>([], ['vip'], ['vip', 'partner']),
  doNotContact: fc.boolean(),
  timeZone: fc.constantFrom(...zones),
  phones: phonesArb,
  isDemo: fc.boolean(),
};
const ownerRef = fc.oneof(
  fc.integer({ min: 0, max: 1 }).map((i) => ({ type: 'contact' as const, id: contactId(i) })),
  fc.integer({ min: 0, max: 1 }).map((i) => ({ type: 'lead' as const, id: leadId(i) })),
  fc.integer({ min: 0, max: 1 }).map((i) => ({ type: 'account' as const, id: accountId(i) })),
);

const opArb = fc.oneof(
  fc.record({
    op: fc.constant('account' as const),
    i: fc.integer({ min: 0, max: 1 }),
    name: fc.constantFrom('Acme', 'Globex'),
    timeZone: fc.constantFrom(...zones),
    phones: phonesArb,
    isDemo: fc.boolean(),
  }),
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('contact' as const),
      i: fc.integer({ min: 0, max: 1 }),
      account: fc.option(fc.integer({ min: 0, max: 1 })),
      viaRepository: fc.boolean(),
      ...person,
    }),
  },
  fc.record({
    op: fc.constant('lead' as const),
    i: fc.integer({ min: 0, max: 1 }),
    company: fc.constantFrom('', 'Initech'),
    ...person,
  }),
  fc.record({ op: fc.constant('phones' as const), owner: ownerRef, phones: phonesArb }),
  fc.record({ op: fc.constant('delete' as const), owner: ownerRef }),
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('call' as const),
      i: fc.integer({ min: 0, max: 2 }),
      participants: fc.uniqueArray(
        ownerRef.filter((o) => o.type !== 'account'),
        { maxLength: 2, selector: (o) => o.id },
      ),
      related: fc.option(ownerRef),
      day: fc.integer({ min: 0, max: 2 }),
      held: fc.boolean(),
      outcome: fc.constantFrom('', 'Sorted'),
      isDemo: fc.boolean(),
    }),
  },
  fc.record({ op: fc.constant('deleteCall' as const), i: fc.integer({ min: 0, max: 2 }) }),
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('task' as const),
      i: fc.integer({ min: 0, max: 1 }),
      related: fc.option(ownerRef),
      due: fc.option(fc.constantFrom(...days)),
      status: fc.constantFrom('Open' as const, 'Done' as const),
      isDemo: fc.boolean(),
    }),
  },
  fc.record({ op: fc.constant('completeTask' as const), i: fc.integer({ min: 0, max: 1 }) }),
  fc.record({ op: fc.constant('deleteTask' as const), i: fc.integer({ min: 0, max: 1 }) }),
  fc.constant({ op: 'removeDemo' as const }),
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

const stamp = { createdAt: at, updatedAt: at };
const nameOf = (ref: { id: string }) => `name of ${ref.id.slice(-4)}`;
const entityOf = { contact: 'contacts', lead: 'leads', account: 'accounts' } as const;

function apply(local: LocalDb, op: Op): void {
  switch (op.op) {
    case 'account': {
      const account: Account = {
        ...emptyProfile,
        id: accountId(op.i),
        name: op.name,
        industry: '',
        country: 'GB',
        timeZone: op.timeZone,
        phones: op.phones,
        isDemo: op.isDemo,
        ...stamp,
      };
      writeRecord(fixtureTx(local), 'accounts', account);
      return;
    }
    case 'contact': {
      const { op: _, i, account, viaRepository, ...fields } = op;
      const contact: Contact = {
        ...emptyProfile,
        ...fields,
        id: contactId(i),
        email: '',
        doNotContactReason: fields.doNotContact ? 'Legal hold' : null,
        accountId: account === null ? null : accountId(account),
        ...stamp,
      };
      // The repository refuses a dangling account (foreign key) and a second insert; the sync writer upserts.
      const exists = local.sqlite.prepare('select 1 from contacts where id = ?').get(contact.id);
      const accountExists =
        contact.accountId === null ||
        local.sqlite.prepare('select 1 from accounts where id = ?').get(contact.accountId);
      if (viaRepository && !exists && accountExists) insertContact(fixtureTx(local), contact);
      else writeRecord(fixtureTx(local), 'contacts', contact);
      return;
    }
    case 'lead': {
      const { op: _, i, ...fields } = op;
      const lead: Lead = {
        ...fields,
        id: leadId(i),
        email: '',
        status: 'New',
        doNotContactReason: fields.doNotContact ? 'Asked' : null,
        ...stamp,
      };
      writeRecord(fixtureTx(local), 'leads', lead);
      return;
    }
    case 'phones':
      replacePhones(local.db, op.owner.type, op.owner.id, op.phones);
      return;
    case 'delete':
      deleteRecord(fixtureTx(local), entityOf[op.owner.type], op.owner.id);
      return;
    case 'call': {
      const id = callId(op.i);
      const participants: Participant[] = op.participants.map((p) => ({
        kind: p.type as 'contact' | 'lead',
        id: p.id,
        role: 'attendee',
        name: nameOf(p),
      }));
      const related: RelatedRef | null = op.related ? { ...op.related, name: nameOf(op.related) } : null;
      const call: CallRecord = sampleCall({
        id,
        createdAt: days[op.day]!,
        updatedAt: days[op.day]!,
        participants,
        related,
        status: op.held ? 'Held' : 'NotHeld',
        statusReason: op.held ? null : 'No answer',
        actualStart: op.held ? days[op.day]! : null,
        actualEnd: op.held ? days[op.day]! : null,
        durationSeconds: op.held ? 60 : null,
        outcome: { dispositionCode: op.held ? 'resolved' : null, text: op.outcome },
        isDemo: op.isDemo,
      });
      if (getCall(local.db, id)) updateCall(fixtureTx(local), call);
      else insertCall(fixtureTx(local), call);
      return;
    }
    case 'deleteCall':
      deleteRecord(fixtureTx(local), 'calls', callId(op.i));
      return;
    case 'task': {
      const task: Task = {
        id: taskId(op.i),
        subject: `Task ${op.i}`,
        dueAt: op.due,
        status: op.status,
        priority: 'Normal',
        related: op.related ? { ...op.related, name: nameOf(op.related) } : null,
        callId: null,
        ownerId: 'user-1',
        isDemo: op.isDemo,
        ...stamp,
      };
      const exists = local.sqlite.prepare('select 1 from tasks where id = ?').get(task.id);
      if (exists) writeRecord(fixtureTx(local), 'tasks', task);
      else insertTask(fixtureTx(local), task);
      return;
    }
    case 'completeTask':
      setTaskStatus(fixtureTx(local), taskId(op.i), 'Done', at);
      return;
    case 'deleteTask':
      deleteRecord(fixtureTx(local), 'tasks', taskId(op.i));
      return;
    case 'removeDemo':
      removeDemo(fixtureTx(local));
      return;
  }
}

describe('caller cards (migration 0005 triggers)', () => {
  it('after any sequence of writes, the card-based pop equals the pop computed from scratch', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), (ops) => {
        const local = openTestDb();
        try {
          const cards = createScreenPopLookup(local.sqlite, now);
          const reference = createReferenceLookup(local.sqlite, now);
          for (const op of ops) {
            apply(local, op);
            for (const n of [...numbers, unknownNumber]) expect(cards.lookup(n)).toEqual(reference.lookup(n));
            // The pop above may not show a number's zone (an owner's own wins), so compare
            // the stored number facts (migration 0007) directly too, on phones and cards.
            expect(storedPhoneFacts(local.sqlite)).toEqual(referencePhoneFacts(local.sqlite));
          }
        } finally {
          local.close();
        }
      }),
      { seed: 20260701, numRuns: 80 },
    );
    // 80 fresh databases, each migrated from scratch: correctness, not speed, is checked
    // here, and on the shared 2-core build machine under load this run took 27-37 s.
  }, 120_000);
});

describe('caller cards: writes the random sequences reach rarely', () => {
  function setup() {
    const local = openTestDb();
    return {
      local,
      cards: createScreenPopLookup(local.sqlite, now),
      reference: createReferenceLookup(local.sqlite, now),
    };
  }
  const phone = (e164: string): PhoneNumber => ({ kind: 'work', e164, extension: null });
  const account = (name: string, timeZone: string | null): Account => ({
    ...emptyProfile,
    id: accountId(0),
    name,
    industry: '',
    country: 'GB',
    timeZone,
    phones: [],
    isDemo: false,
    ...stamp,
  });

  it('renaming an account or changing its zone updates its contacts’ cards', () => {
    const { local, cards, reference } = setup();
    writeRecord(fixtureTx(local), 'accounts', account('Acme', 'Europe/London'));
    insertContact(fixtureTx(local), {
      ...emptyProfile,
      id: contactId(0),
      firstName: 'Ada',
      lastName: 'Lovelace',
      title: '',
      email: '',
      tags: [],
      doNotContact: false,
      doNotContactReason: null,
      timeZone: null,
      accountId: accountId(0),
      phones: [phone(numbers[0]!)],
      isDemo: false,
      ...stamp,
    });
    writeRecord(fixtureTx(local), 'accounts', account('Globex', 'America/New_York'));
    const pop = cards.lookup(numbers[0]!);
    expect(pop.matches[0]).toMatchObject({
      account: { id: accountId(0), name: 'Globex' },
      localTime: { zone: 'America/New_York', source: 'account' },
    });
    expect(pop).toEqual(reference.lookup(numbers[0]!));
    deleteRecord(fixtureTx(local), 'accounts', accountId(0));
    expect(cards.lookup(numbers[0]!).matches[0]).toMatchObject({ account: null, localTime: null });
    expect(cards.lookup(numbers[0]!)).toEqual(reference.lookup(numbers[0]!));
  });

  it('a phone row edited in place (kind, owner) and one written before its owner', () => {
    const { local, cards, reference } = setup();
    local.sqlite
      .prepare(`INSERT INTO phones (owner_type, owner_id, position, kind, e164) VALUES ('account', ?, 0, 'work', ?)`)
      .run(accountId(1), numbers[1]);
    expect(cards.lookup(numbers[1]!).matches).toEqual([]);
    writeRecord(fixtureTx(local), 'accounts', { ...account('Initech', null), id: accountId(1) });
    local.sqlite
      .prepare(`INSERT INTO phones (owner_type, owner_id, position, kind, e164) VALUES ('account', ?, 5, 'work', ?)`)
      .run(accountId(1), numbers[2]);
    local.sqlite.prepare(`UPDATE phones SET kind = 'mobile' WHERE e164 = ?`).run(numbers[2]);
    expect(cards.lookup(numbers[2]!).matches[0]).toMatchObject({ name: 'Initech', phoneKind: 'mobile' });
    writeRecord(fixtureTx(local), 'accounts', account('Acme', null));
    local.sqlite.prepare(`UPDATE phones SET owner_id = ? WHERE e164 = ?`).run(accountId(0), numbers[2]);
    expect(cards.lookup(numbers[2]!).matches[0]).toMatchObject({ name: 'Acme', id: accountId(0) });
    for (const n of numbers) expect(cards.lookup(n)).toEqual(reference.lookup(n));
  });
});

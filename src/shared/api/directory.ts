import { z } from 'zod';
import { CallRecord, RelatedType } from '../domain/call';
import { Account, Case, Contact, Lead, Opportunity, PhoneKind } from '../domain/directory';
import { Id, TimeZone } from '../domain/primitives';
import { Note, Task } from '../domain/work';
import type { ApiTable } from './table';

const Paging = { limit: z.number().int().min(1).max(500).default(50), offset: z.number().int().min(0).default(0) };

export const ContactListItem = Contact.extend({ accountName: z.string().nullable() });
export const ContactDetail = z.object({
  contact: Contact,
  account: Account.nullable(),
  recentCalls: z.array(CallRecord),
  openTasks: z.array(Task),
  /** Notes about the contact and on calls with them, newest first. */
  notes: z.array(Note),
});
export const AccountDetail = z.object({
  account: Account,
  contacts: z.array(Contact),
  opportunities: z.array(Opportunity),
  cases: z.array(Case),
  recentCalls: z.array(CallRecord),
  openTasks: z.array(Task),
});

/** A phone as typed by the agent; the core normalises it to E.164. */
export const PhoneInput = z.object({
  kind: PhoneKind,
  number: z.string().min(1).max(64),
});

export const CreateContactInput = z
  .object({
    firstName: z.string().trim().max(100).default(''),
    lastName: z.string().trim().min(1, 'A contact needs a last name.').max(100),
    title: z.string().trim().max(200).default(''),
    email: z.string().trim().max(320).default(''),
    accountId: Id.nullable().default(null),
    phones: z.array(PhoneInput).default([]),
    tags: z.array(z.string().min(1).max(50)).default([]),
    timeZone: TimeZone.nullable().default(null),
    /** Made from an unknown caller's pop: gets a customer profile when new callers do (Settings). */
    fromCaller: z.boolean().default(false),
  })
  .strict();

/**
 * The contact form's fields, whole: what the agent sees is what is saved. Phones are
 * typed as people type them and normalised by the core; do-not-contact needs its reason.
 */
export const UpdateContactInput = z
  .object({
    id: Id,
    firstName: z.string().trim().max(100),
    lastName: z.string().trim().min(1, 'A contact needs a last name.').max(100),
    title: z.string().trim().max(200).default(''),
    email: z
      .string()
      .trim()
      .max(320)
      .refine((e) => e === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e), 'That email address is not complete.'),
    phones: z.array(PhoneInput).max(20, 'A contact can have at most 20 phone numbers.'),
    tags: z
      .array(z.string().trim().min(1).max(50, 'A tag has at most 50 characters.'))
      .max(50, 'A contact can have at most 50 tags.'),
    doNotContact: z.boolean(),
    doNotContactReason: z.string().trim().max(500).nullable(),
  })
  .strict()
  .refine((c) => !c.doNotContact || (c.doNotContactReason ?? '') !== '', {
    message: 'Say why this contact must not be contacted.',
    path: ['doNotContactReason'],
  });

export const DirectoryHit = z.object({
  type: RelatedType,
  id: Id,
  name: z.string(),
  /** A second line: the account of a contact, the stage of an opportunity… */
  detail: z.string(),
});

export const directoryApi = {
  'contacts.list': {
    input: z
      .object({
        /** A name, a company (account) name, a tag, words of a note, or a phone number in any format. */
        search: z.string().max(200).optional(),
        ...Paging,
      })
      .strict(),
    output: z.object({ items: z.array(ContactListItem), total: z.number().int() }),
    summary: 'Contacts, by last name, with their account name; found by name, company, tag, note or phone number.',
  },
  'contacts.get': {
    input: z.object({ id: Id }).strict(),
    output: ContactDetail,
    summary: 'A contact with account, recent calls and open tasks.',
  },
  'contacts.create': {
    input: CreateContactInput,
    output: Contact,
    summary: 'Creates a contact; phone numbers are normalised to E.164.',
  },
  'contacts.update': {
    input: UpdateContactInput,
    output: Contact,
    summary: 'Saves a contact’s name, phones, email, tags and do-not-contact (synced as contact.update).',
  },
  'accounts.list': {
    input: z.object({ search: z.string().max(200).optional(), ...Paging }).strict(),
    output: z.object({ items: z.array(Account), total: z.number().int() }),
    summary: 'Accounts by name.',
  },
  'accounts.get': {
    input: z.object({ id: Id }).strict(),
    output: AccountDetail,
    summary: 'An account with its contacts, opportunities, cases, calls and tasks.',
  },
  'leads.get': { input: z.object({ id: Id }).strict(), output: Lead, summary: 'One lead.' },
  'opportunities.get': { input: z.object({ id: Id }).strict(), output: Opportunity, summary: 'One opportunity.' },
  'cases.get': { input: z.object({ id: Id }).strict(), output: Case, summary: 'One case.' },
  'directory.search': {
    input: z
      .object({
        query: z.string().trim().min(1).max(200),
        types: z.array(RelatedType).optional(),
        limit: z.number().int().min(1).max(50).default(10),
      })
      .strict(),
    output: z.array(DirectoryHit),
    summary:
      'Finds accounts, contacts, leads, opportunities and cases by name, or their owners by phone number (for pickers).',
  },
} as const satisfies ApiTable;

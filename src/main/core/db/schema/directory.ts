import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Address, CustomerInfo, Equipment, Preferences } from '../../../../shared/domain/customer';

const demoFlag = () => integer('is_demo', { mode: 'boolean' }).notNull().default(false);

/**
 * The customer profile, part by part (shared/domain/customer.ts), each a JSON document:
 * shown whole, never queried inside. On contacts (migration 0016) and accounts (0020).
 */
const profileColumns = () => ({
  customer: text('customer', { mode: 'json' }).$type<CustomerInfo | null>(),
  addresses: text('addresses', { mode: 'json' })
    .$type<Address[]>()
    .notNull()
    .default(sql`'[]'`),
  equipment: text('equipment', { mode: 'json' })
    .$type<Equipment[]>()
    .notNull()
    .default(sql`'[]'`),
  /** Null until someone states them: read as no preferences. */
  preferences: text('preferences', { mode: 'json' }).$type<Preferences | null>(),
});

export const accounts = sqliteTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    industry: text('industry').notNull().default(''),
    country: text('country'),
    timeZone: text('time_zone'),
    ...profileColumns(),
    isDemo: demoFlag(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('accounts_name_idx').on(t.name),
    index('accounts_demo_idx')
      .on(t.isDemo)
      .where(sql`is_demo = 1`),
  ],
);

export const contacts = sqliteTable(
  'contacts',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    firstName: text('first_name').notNull().default(''),
    lastName: text('last_name').notNull(),
    title: text('title').notNull().default(''),
    email: text('email').notNull().default(''),
    /** A JSON array of strings: tags are shown with the contact and never queried alone. */
    tags: text('tags', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    doNotContact: integer('do_not_contact', { mode: 'boolean' }).notNull().default(false),
    doNotContactReason: text('do_not_contact_reason'),
    /** When the flag was set (ISO instant) and by whom (a display name). */
    doNotContactSince: text('do_not_contact_since'),
    doNotContactBy: text('do_not_contact_by'),
    timeZone: text('time_zone'),
    ...profileColumns(),
    isDemo: demoFlag(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('contacts_name_idx').on(t.lastName, t.firstName, t.id),
    index('contacts_account_idx').on(t.accountId),
    index('contacts_demo_idx')
      .on(t.isDemo)
      .where(sql`is_demo = 1`),
  ],
);

export const leads = sqliteTable(
  'leads',
  {
    id: text('id').primaryKey(),
    firstName: text('first_name').notNull().default(''),
    lastName: text('last_name').notNull(),
    title: text('title').notNull().default(''),
    email: text('email').notNull().default(''),
    company: text('company').notNull().default(''),
    status: text('status', { enum: ['New', 'Contacted', 'Qualified', 'Disqualified'] })
      .notNull()
      .default('New'),
    tags: text('tags', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    doNotContact: integer('do_not_contact', { mode: 'boolean' }).notNull().default(false),
    doNotContactReason: text('do_not_contact_reason'),
    /** When the flag was set (ISO instant) and by whom (a display name). */
    doNotContactSince: text('do_not_contact_since'),
    doNotContactBy: text('do_not_contact_by'),
    timeZone: text('time_zone'),
    isDemo: demoFlag(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('leads_name_idx').on(t.lastName, t.firstName),
    index('leads_demo_idx')
      .on(t.isDemo)
      .where(sql`is_demo = 1`),
  ],
);

/**
 * Every phone number of every contact, lead and account, in one table so that screen
 * pop is a single index point lookup on `e164` whoever owns the number. The owner is
 * polymorphic, so there is no foreign key; the repositories replace an owner's phones
 * together with the owner, and a trigger (custom migration) removes them on delete.
 */
export const phones = sqliteTable(
  'phones',
  {
    id: integer('id').primaryKey(),
    ownerType: text('owner_type', { enum: ['contact', 'lead', 'account'] }).notNull(),
    ownerId: text('owner_id').notNull(),
    position: integer('position').notNull(),
    kind: text('kind', { enum: ['work', 'mobile', 'home', 'fax', 'other'] }).notNull(),
    e164: text('e164').notNull(),
    extension: text('extension'),
    // Derived from e164 when the row is written (phoneRowValues in repositories/phones.ts)
    // so a ring does no libphonenumber work: the international display form, and the zone
    // of the number's country when it has exactly one. NULL on a row a writer did not
    // derive them for; the screen pop then derives them itself (migration 0007).
    display: text('display'),
    countryZone: text('country_zone'),
  },
  (t) => [index('phones_e164_idx').on(t.e164), index('phones_owner_idx').on(t.ownerType, t.ownerId, t.position)],
);

export const opportunities = sqliteTable(
  'opportunities',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    stage: text('stage').notNull(),
    amountCents: integer('amount_cents'),
    currency: text('currency').notNull().default('USD'),
    closeDate: text('close_date'),
    isDemo: demoFlag(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('opportunities_account_idx').on(t.accountId),
    index('opportunities_name_idx').on(t.name),
    index('opportunities_demo_idx')
      .on(t.isDemo)
      .where(sql`is_demo = 1`),
  ],
);

export const cases = sqliteTable(
  'cases',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    contactId: text('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    number: text('number').notNull(),
    subject: text('subject').notNull(),
    status: text('status', { enum: ['New', 'Open', 'Pending', 'Closed'] }).notNull(),
    priority: text('priority', { enum: ['Low', 'Medium', 'High', 'Urgent'] }).notNull(),
    isDemo: demoFlag(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('cases_account_idx').on(t.accountId),
    index('cases_contact_idx').on(t.contactId),
    index('cases_number_idx').on(t.number),
    index('cases_demo_idx')
      .on(t.isDemo)
      .where(sql`is_demo = 1`),
  ],
);

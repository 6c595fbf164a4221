import { z } from 'zod';
import { Address, CustomerInfo, Equipment, Preferences, noPreferences } from './customer';
import { E164, Id, Instant, TimeZone } from './primitives';
import { TagSet } from './tag-set';

export const PhoneKind = z.enum(['work', 'mobile', 'home', 'fax', 'other']);
export const PhoneNumber = z.object({
  kind: PhoneKind,
  e164: E164,
  extension: z
    .string()
    .regex(/^\d{1,10}$/)
    .nullable()
    .default(null),
});
export type PhoneNumber = z.infer<typeof PhoneNumber>;

const directoryBase = {
  id: Id,
  /** Rows seeded as demo data; Settings can remove them all. */
  isDemo: z.boolean().default(false),
  createdAt: Instant,
  updatedAt: Instant,
};

/**
 * The customer profile parts (customer.ts), on a contact or an account. Defaults keep every
 * record stored before profiles readable: no profile, no addresses, no equipment, no
 * stated preferences.
 */
export const profileFields = {
  customer: CustomerInfo.nullable().default(null),
  addresses: z.array(Address).max(20).default([]),
  equipment: z.array(Equipment).max(50).default([]),
  preferences: Preferences.default(noPreferences),
};

/** A record without a customer profile: what every contact and account was before profiles. */
export const emptyProfile = {
  customer: null,
  addresses: [],
  equipment: [],
  preferences: noPreferences,
} satisfies { [K in keyof typeof profileFields]: z.output<(typeof profileFields)[K]> };

export const Account = z.object({
  ...directoryBase,
  name: z.string().min(1).max(200),
  industry: z.string().max(100).default(''),
  /** ISO 3166 alpha-2, the default region for numbers typed without a country code. */
  country: z.string().length(2).nullable(),
  timeZone: TimeZone.nullable(),
  phones: z.array(PhoneNumber),
  ...profileFields,
});
export type Account = z.infer<typeof Account>;

const personFields = {
  firstName: z.string().max(100),
  lastName: z.string().min(1).max(100),
  title: z.string().max(200).default(''),
  email: z.string().max(320).default(''),
  phones: z.array(PhoneNumber),
  tags: z.array(z.string().min(1).max(50)).default([]),
  doNotContact: z.boolean().default(false),
  doNotContactReason: z.string().max(500).nullable().default(null),
  /**
   * When the flag was set, and by whom (a display name); null or absent while not flagged,
   * and on records flagged before these were kept.
   */
  doNotContactSince: Instant.nullish(),
  doNotContactBy: z.string().max(200).nullish(),
  timeZone: TimeZone.nullable(),
};

export const Contact = z.object({
  ...directoryBase,
  ...personFields,
  accountId: Id.nullable(),
  /**
   * The tags as a set of additions and removals (tag-set.ts); `tags` is what it shows.
   * Missing on a contact tagged before tags were a set: `seededTagSet(tags)` stands in.
   */
  tagSet: TagSet.optional(),
  ...profileFields,
});
export type Contact = z.infer<typeof Contact>;

export const Lead = z.object({
  ...directoryBase,
  ...personFields,
  company: z.string().max(200).default(''),
  status: z.enum(['New', 'Contacted', 'Qualified', 'Disqualified']).default('New'),
});
export type Lead = z.infer<typeof Lead>;

export const Opportunity = z.object({
  ...directoryBase,
  accountId: Id,
  name: z.string().min(1).max(200),
  stage: z.string().max(100),
  amountCents: z.number().int().nullable(),
  currency: z.string().length(3).default('USD'),
  closeDate: z.iso.date().nullable(),
});
export type Opportunity = z.infer<typeof Opportunity>;

export const Case = z.object({
  ...directoryBase,
  accountId: Id.nullable(),
  contactId: Id.nullable(),
  number: z.string().max(32),
  subject: z.string().min(1).max(500),
  status: z.enum(['New', 'Open', 'Pending', 'Closed']),
  priority: z.enum(['Low', 'Medium', 'High', 'Urgent']),
});
export type Case = z.infer<typeof Case>;

export function displayName(person: { firstName: string; lastName: string }): string {
  return [person.firstName, person.lastName].filter(Boolean).join(' ');
}

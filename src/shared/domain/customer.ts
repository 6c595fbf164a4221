import { z } from 'zod';
import { Id, inSaneYears, MAX_YEAR, MIN_YEAR } from './primitives';
import { withinWeeklyHours } from './time';

/**
 * The customer profile a contact carries once the company serves them: who they are to
 * the business (type, status, where they came from, since when), where the work happens
 * (addresses, each with how to get in), what is installed there, and how they want to be
 * reached. Each part is its own field of the record it sits on (mutations.ts, ProfileFields),
 * so two agents editing different parts offline both keep their edit (last writer wins
 * per field). The record is a contact (a household, a person) or an account (a company
 * with several sites): the profile's subject.
 */

/** A calendar date as people pick it (`YYYY-MM-DD`): install and service dates have no time. */
export const CalendarDate = z.iso.date().refine(inSaneYears, `Use a date between ${MIN_YEAR} and ${MAX_YEAR}.`);
/** A wall-clock time of day, `HH:MM`, 24-hour. */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time like 08:00 or 17:30.');

export const customerTypes = ['residential', 'commercial'] as const;
export const CustomerType = z.enum(customerTypes);
export const customerStatuses = ['prospect', 'active', 'inactive'] as const;
export const CustomerStatus = z.enum(customerStatuses);
export const customerSources = ['phone', 'web', 'referral', 'repeat', 'advertising', 'other'] as const;
export const CustomerSource = z.enum(customerSources);

/** Who the customer is to the business, and the dates of their lifecycle. */
export const CustomerInfo = z
  .object({
    type: CustomerType,
    status: CustomerStatus,
    source: CustomerSource,
    /** When they became a customer (first booking or first call). */
    customerSince: CalendarDate.nullable(),
    /** When they stopped being one; null while active. */
    inactiveSince: CalendarDate.nullable(),
  })
  .strict();
export type CustomerInfo = z.infer<typeof CustomerInfo>;

export const Address = z
  .object({
    id: Id,
    label: z.string().trim().max(50),
    line1: z.string().trim().min(1, 'An address needs its street line.').max(200),
    line2: z.string().trim().max(200),
    city: z.string().trim().max(100),
    region: z.string().trim().max(100),
    postalCode: z.string().trim().max(20),
    /** Gate codes, the dog, where to park: read by the technician before the visit. */
    accessNotes: z.string().trim().max(1000),
    /** The one shown in the pop and proposed for a visit. */
    primary: z.boolean(),
  })
  .strict();
export type Address = z.infer<typeof Address>;

export const Equipment = z
  .object({
    id: Id,
    kind: z.string().trim().min(1, 'Say what the equipment is (furnace, heat pump…).').max(100),
    brand: z.string().trim().max(100),
    model: z.string().trim().max(100),
    installedOn: CalendarDate.nullable(),
    lastServicedOn: CalendarDate.nullable(),
    /**
     * The address (site) it is installed at: a commercial account has several. Absent or
     * null on equipment not tied to one (and on everything recorded before sites).
     */
    addressId: Id.nullable().optional(),
  })
  .strict();
export type Equipment = z.infer<typeof Equipment>;

export const channels = ['phone', 'sms', 'email'] as const;
export const Channel = z.enum(channels);
export type Channel = z.infer<typeof Channel>;

/** ISO weekday: 1 is Monday, 7 is Sunday (Temporal's numbering). */
export const Weekday = z.number().int().min(1).max(7);

/** When the customer may be called, on their clock: these weekdays, from `from` until `until`. */
export const ContactWindow = z
  .object({
    days: z.array(Weekday).min(1, 'Pick at least one day.').max(7),
    from: ClockTime,
    until: ClockTime,
  })
  .strict()
  .refine((w) => w.from < w.until, { message: 'A window ends after it starts.', path: ['until'] });
export type ContactWindow = z.infer<typeof ContactWindow>;

export const Preferences = z
  .object({
    channel: Channel.nullable(),
    /** Empty: no preference, any time within usual calling hours. */
    windows: z.array(ContactWindow).max(14),
    /** A BCP 47 tag or a plain name ("es", "Spanish"); empty when unknown. */
    language: z.string().trim().max(35),
    /** What the customer agreed to be contacted by, and when that was recorded. */
    consent: z
      .object({
        calls: z.boolean(),
        sms: z.boolean(),
        email: z.boolean(),
        recordedOn: CalendarDate.nullable(),
      })
      .strict(),
  })
  .strict();
export type Preferences = z.infer<typeof Preferences>;

export const noPreferences: Preferences = {
  channel: null,
  windows: [],
  language: '',
  consent: { calls: false, sms: false, email: false, recordedOn: null },
};

export const noteCategories = ['general', 'service', 'billing', 'access', 'complaint'] as const;
export const NoteCategory = z.enum(noteCategories);
export type NoteCategory = z.infer<typeof NoteCategory>;

/** The primary address: the one marked, else the first. */
export function primaryAddress(addresses: readonly Address[]): Address | null {
  return addresses.find((a) => a.primary) ?? addresses[0] ?? null;
}

/** What a site holds: the equipment installed at the address, and what is tied to no address. */
export function equipmentAt(equipment: readonly Equipment[], address: Address | null): Equipment[] {
  return equipment.filter((e) => !e.addressId || e.addressId === address?.id);
}

/** "Furnace (Carrier 59TP6), heat pump": what the technician should expect, in one line. */
export function equipmentSummary(equipment: readonly Equipment[]): string {
  return equipment
    .map((e) => {
      const make = [e.brand, e.model].filter(Boolean).join(' ');
      return make ? `${e.kind} (${make})` : e.kind;
    })
    .join(', ');
}

const weekdayNames = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** "Mon–Fri 09:00–17:00" style text of one window, for the pop and the dial warning. */
export function describeWindow(window: ContactWindow): string {
  const days = [...window.days].sort((a, b) => a - b);
  const consecutive = days.every((d, i) => i === 0 || d === days[i - 1]! + 1);
  const dayText =
    days.length > 2 && consecutive
      ? `${weekdayNames[days[0]!]}–${weekdayNames[days.at(-1)!]}`
      : days.map((d) => weekdayNames[d]).join(', ');
  return `${dayText} ${window.from}–${window.until}`;
}

/**
 * Whether the customer's clock (`local`: `YYYY-MM-DDTHH:mm…` in their zone) falls in one
 * of their windows. No windows means no preference: always inside.
 */
export function insideContactWindows(windows: readonly ContactWindow[], local: { local: string }): boolean {
  if (windows.length === 0) return true;
  return windows.some((w) => withinWeeklyHours(local.local, w));
}

/** The dial warning for a customer outside their windows, or null inside (or with none). */
export function contactWindowWarning(
  windows: readonly ContactWindow[],
  local: { local: string; label: string },
): string | null {
  if (insideContactWindows(windows, local)) return null;
  return `It is ${local.label} for them, outside the times they asked to be called (${windows.map(describeWindow).join('; ')}).`;
}

/** What the business has had with a customer, counted from their calls. */
export const LifetimeStats = z.object({
  calls: z.number().int().nonnegative(),
  /** Calls that were held (connected), either way. */
  answered: z.number().int().nonnegative(),
  firstContactAt: z.string().nullable(),
  lastContactAt: z.string().nullable(),
});
export type LifetimeStats = z.infer<typeof LifetimeStats>;

/** The profile an unknown caller gets when the agent names them: a prospect who phoned in. */
export function newCallerProfile(): CustomerInfo {
  return { type: 'residential', status: 'prospect', source: 'phone', customerSince: null, inactiveSince: null };
}

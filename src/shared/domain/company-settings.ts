import { z } from 'zod';
import { BusinessHours } from './triage';

/**
 * The settings a company's admins and supervisors keep on the CRM server and every
 * desktop of the company applies: the business hours (triage's after-hours flag) and
 * whether an unknown caller an agent names becomes a customer profile.
 */
export const CompanySettingsInput = z
  .object({
    businessHours: BusinessHours,
    /**
     * An unknown caller the agent names (in the wrap-up, or with "Create contact") becomes
     * a customer profile (a prospect, source phone), so their next call is recognised.
     */
    newCallerProfiles: z.boolean(),
  })
  .strict();
export type CompanySettingsInput = z.infer<typeof CompanySettingsInput>;

/**
 * What GET and PUT /company/settings answer. `businessHours` is null until someone sets
 * them: the server does not know the company's zone before that, so each desktop keeps
 * Monday to Friday, 08:00 to 18:00 in its own zone meanwhile.
 */
export const CompanySettings = z.object({
  businessHours: BusinessHours.nullable(),
  newCallerProfiles: z.boolean(),
});
export type CompanySettings = z.infer<typeof CompanySettings>;

/** A company nobody has set anything for yet. */
export const DEFAULT_COMPANY_SETTINGS: CompanySettings = { businessHours: null, newCallerProfiles: true };

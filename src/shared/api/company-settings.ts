import { z } from 'zod';
import { CompanySettingsInput } from '../domain/company-settings';
import { BusinessHours } from '../domain/triage';
import type { ApiTable } from './table';

export const CompanySettingsView = z.object({
  /** The hours and the new-caller rule this desktop applies now. */
  businessHours: BusinessHours,
  newCallerProfiles: z.boolean(),
  /**
   * The company set its business hours (on the CRM server). False: nobody has yet, or
   * this desktop is signed out; it then uses Monday to Friday, 08:00 to 18:00, in the
   * agent's own zone.
   */
  hoursSet: z.boolean(),
  /** Signed in to the CRM server: the values are the company's as last read. */
  signedIn: z.boolean(),
  /** Signed in as a supervisor or admin: the settings may be changed from this desktop. */
  canManage: z.boolean(),
});
export type CompanySettingsView = z.infer<typeof CompanySettingsView>;

export const companySettingsApi = {
  'companySettings.get': {
    input: z.object({}).strict(),
    output: CompanySettingsView,
    summary:
      'The company’s settings this desktop applies (its copy of the CRM server’s, or the defaults when signed out) and whether this user may change them.',
  },
  'companySettings.update': {
    input: CompanySettingsInput,
    output: CompanySettingsView,
    summary: 'Saves the company’s business hours and new-caller rule on the CRM server; supervisors and admins only.',
  },
} as const satisfies ApiTable;

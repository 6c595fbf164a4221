import { boolean, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { BusinessHours } from '../../shared/domain/triage';

/**
 * The company's settings every desktop applies (company/settings.ts): one row per
 * company, absent until an admin or supervisor first saves them (the defaults apply).
 * `business_hours` is the shared BusinessHours shape, parsed again on every read.
 */
export const companySettings = pgTable('company_settings', {
  companyId: text('company_id').primaryKey(),
  businessHours: jsonb('business_hours').$type<BusinessHours>(),
  newCallerProfiles: boolean('new_caller_profiles').notNull().default(true),
  updatedBy: text('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});

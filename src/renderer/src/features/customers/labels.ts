import type { AppointmentStatus } from '../../../../shared/domain/appointment';

/** The words the profile shows for its enumerations. */
export const customerTypeLabel = { residential: 'Residential', commercial: 'Commercial' } as const;
export const customerStatusLabel = { prospect: 'Prospect', active: 'Active', inactive: 'Inactive' } as const;
export const customerSourceLabel = {
  phone: 'Phone call',
  web: 'Website',
  referral: 'Referral',
  repeat: 'Repeat customer',
  advertising: 'Advertising',
  other: 'Other',
} as const;
export const channelLabel = { phone: 'Phone', sms: 'Text message', email: 'Email' } as const;
export const serviceTypeLabel = {
  repair: 'Repair',
  maintenance: 'Maintenance',
  installation: 'Installation',
  estimate: 'Estimate',
  inspection: 'Inspection',
  other: 'Other',
} as const;
export const noteCategoryLabel = {
  general: 'General',
  service: 'Service',
  billing: 'Billing',
  access: 'Access',
  complaint: 'Complaint',
} as const;
export const visitStatusLabel: Record<AppointmentStatus, string> = {
  scheduled: 'Scheduled',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};
export const weekdayLabels = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** "Gate code…; consent: calls, SMS" style: who agreed to what. */
export function consentText(consent: { calls: boolean; sms: boolean; email: boolean }): string {
  const given = [consent.calls && 'calls', consent.sms && 'text messages', consent.email && 'email'].filter(Boolean);
  return given.length > 0 ? given.join(', ') : 'none recorded';
}

/** An address as a site is named in a list: its label, else its street. */
export const siteName = (address: { label: string; line1: string }) => address.label || address.line1;

import type { CallStatus } from '../../../shared/domain/call';

/**
 * The demo call log as a script: who, what, and how each call went. Times are made
 * relative to `now` when seeding, so the log always looks recent. Every status
 * appears, and some calls went through several (a missed call rescheduled and then
 * held), so the history view has something to show.
 */
export interface DemoCallStep {
  to: CallStatus;
  reason?: string;
  /** Held calls: how long it lasted, in seconds. */
  durationSeconds?: number;
}

export interface DemoCallScript {
  contact: string;
  direction: 'Inbound' | 'Outbound';
  subject: string;
  /** Days before now (negative: in the future), at the given local hour in the contact's zone. */
  daysAgo: number;
  hour: number;
  steps: DemoCallStep[];
  disposition?: string;
  outcome?: string;
  /** Relate the call to the contact's opportunity or case instead of the contact. */
  relatedTo?: 'opportunity' | 'case' | 'account';
}

const held = (durationSeconds: number): DemoCallStep => ({ to: 'Held', durationSeconds });
const notHeld = (reason: string): DemoCallStep => ({ to: 'NotHeld', reason });
const cancelled = (reason: string): DemoCallStep => ({ to: 'Cancelled', reason });
const planned: DemoCallStep = { to: 'Planned' };

export const demoCallScripts: DemoCallScript[] = [
  {
    contact: 'alice',
    direction: 'Outbound',
    subject: 'Renewal kickoff',
    daysAgo: 1,
    hour: 10,
    steps: [planned, held(1080)],
    disposition: 'interested',
    outcome: 'Wants a proposal for 40 more trucks.',
    relatedTo: 'opportunity',
  },
  {
    contact: 'alice',
    direction: 'Inbound',
    subject: 'Question about invoice 8812',
    daysAgo: 9,
    hour: 15,
    steps: [held(420)],
    disposition: 'resolved',
    outcome: 'Explained the pro-rata line.',
  },
  {
    contact: 'marcus',
    direction: 'Inbound',
    subject: 'Tracking portal down',
    daysAgo: 2,
    hour: 8,
    steps: [held(610)],
    disposition: 'escalated',
    outcome: 'Escalated to tier 2; portal restored at 09:10.',
  },
  {
    contact: 'jenna',
    direction: 'Outbound',
    subject: 'Pricing follow-up',
    daysAgo: 3,
    hour: 14,
    steps: [planned, notHeld('No answer'), planned, held(900)],
    disposition: 'follow_up_needed',
    outcome: 'Needs sign-off from finance.',
  },
  {
    contact: 'oliver',
    direction: 'Outbound',
    subject: 'Expansion proposal walkthrough',
    daysAgo: 4,
    hour: 11,
    steps: [planned, held(1920)],
    disposition: 'callback_requested',
    outcome: 'Liked option B; call back after board meeting.',
    relatedTo: 'opportunity',
  },
  {
    contact: 'priya',
    direction: 'Inbound',
    subject: 'Agent seats for summer peak',
    daysAgo: 5,
    hour: 9,
    steps: [held(540)],
    disposition: 'interested',
    outcome: 'Wants 15 temporary seats June to August.',
  },
  {
    contact: 'harry',
    direction: 'Outbound',
    subject: 'Overdue invoice',
    daysAgo: 6,
    hour: 16,
    steps: [planned, notHeld('Left a voicemail')],
    disposition: 'left_voicemail',
    outcome: '',
  },
  {
    contact: 'lena',
    direction: 'Outbound',
    subject: 'Quarterly business review',
    daysAgo: 7,
    hour: 10,
    steps: [planned, held(2400)],
    disposition: 'resolved',
    outcome: 'QBR done; NPS 9.',
  },
  {
    contact: 'jonas',
    direction: 'Inbound',
    subject: 'Units offline after update',
    daysAgo: 2,
    hour: 7,
    steps: [held(780)],
    disposition: 'escalated',
    outcome: 'Opened case 00041.',
    relatedTo: 'case',
  },
  {
    contact: 'jonas',
    direction: 'Outbound',
    subject: 'Firmware rollback check',
    daysAgo: 1,
    hour: 13,
    steps: [planned, notHeld('Line busy')],
    disposition: 'busy',
    outcome: '',
    relatedTo: 'case',
  },
  {
    contact: 'camille',
    direction: 'Outbound',
    subject: 'Spring collection order',
    daysAgo: 8,
    hour: 11,
    steps: [planned, held(1260)],
    disposition: 'sale',
    outcome: 'Order of 1,200 units confirmed.',
  },
  {
    contact: 'hugo',
    direction: 'Outbound',
    subject: 'Delivery window',
    daysAgo: 3,
    hour: 9,
    steps: [planned, cancelled('Hugo emailed the answer before the call.')],
  },
  {
    contact: 'mathilde',
    direction: 'Inbound',
    subject: 'Wrong VAT on invoice',
    daysAgo: 4,
    hour: 14,
    steps: [held(360)],
    disposition: 'escalated',
    outcome: 'Case 00042 opened with billing.',
    relatedTo: 'case',
  },
  {
    contact: 'ana',
    direction: 'Outbound',
    subject: 'Contract renewal',
    daysAgo: 10,
    hour: 10,
    steps: [planned, held(1500)],
    disposition: 'follow_up_needed',
    outcome: 'Sending revised terms in Portuguese.',
  },
  {
    contact: 'rafael',
    direction: 'Outbound',
    subject: 'Payment plan',
    daysAgo: 5,
    hour: 15,
    steps: [planned, notHeld('Did not reach the contact')],
    disposition: 'gatekeeper',
    outcome: 'Reception took a message.',
  },
  {
    contact: 'arjun',
    direction: 'Inbound',
    subject: 'API rate limits',
    daysAgo: 6,
    hour: 12,
    steps: [held(960)],
    disposition: 'resolved',
    outcome: 'Raised limit to 50 rps.',
  },
  {
    contact: 'kavya',
    direction: 'Inbound',
    subject: 'SSO login failure',
    daysAgo: 1,
    hour: 9,
    steps: [held(1140)],
    disposition: 'escalated',
    outcome: 'Case 00043; IdP certificate expired.',
    relatedTo: 'case',
  },
  {
    contact: 'yuki',
    direction: 'Outbound',
    subject: 'Support plan upgrade',
    daysAgo: 11,
    hour: 10,
    steps: [planned, held(1680)],
    disposition: 'interested',
    outcome: 'Needs a Japanese-language SLA.',
    relatedTo: 'opportunity',
  },
  {
    contact: 'kenji',
    direction: 'Outbound',
    subject: 'Onboarding call',
    daysAgo: 12,
    hour: 16,
    steps: [planned, cancelled('Customer postponed onboarding to next quarter.')],
  },
  {
    contact: 'chloe',
    direction: 'Outbound',
    subject: 'Winter stock check-in',
    daysAgo: 13,
    hour: 11,
    steps: [planned, held(720)],
    disposition: 'sale',
    outcome: 'Re-ordered 300 jackets.',
    relatedTo: 'opportunity',
  },
  {
    contact: 'liam',
    direction: 'Inbound',
    subject: 'Missed call',
    daysAgo: 2,
    hour: 17,
    steps: [notHeld('Missed: the agent was on another call')],
  },
  {
    contact: 'sofia',
    direction: 'Outbound',
    subject: 'Welcome call',
    daysAgo: 14,
    hour: 13,
    steps: [planned, notHeld('No answer'), planned, notHeld('Left a voicemail')],
    disposition: 'left_voicemail',
    outcome: '',
  },
  {
    contact: 'ethan',
    direction: 'Inbound',
    subject: 'Damaged pallet claim',
    daysAgo: 8,
    hour: 10,
    steps: [held(300)],
    disposition: 'transferred',
    outcome: 'Transferred to claims.',
  },
  {
    contact: 'grace',
    direction: 'Outbound',
    subject: 'Office move',
    daysAgo: 15,
    hour: 12,
    steps: [planned, cancelled('Duplicate: handled in Oliver’s call.')],
  },
  {
    contact: 'noah',
    direction: 'Inbound',
    subject: 'Partnership enquiry',
    daysAgo: 9,
    hour: 18,
    steps: [held(240)],
    disposition: 'not_interested',
    outcome: 'Not a fit for now.',
  },
  {
    contact: 'mia',
    direction: 'Outbound',
    subject: 'Reseller terms',
    daysAgo: 16,
    hour: 9,
    steps: [planned, held(660)],
    disposition: 'callback_requested',
    outcome: 'Call back with volume discounts.',
  },
  // Planned calls: two overdue, four ahead, for the schedule.
  { contact: 'harry', direction: 'Outbound', subject: 'Invoice follow-up', daysAgo: 0.5, hour: 10, steps: [planned] },
  { contact: 'priya', direction: 'Outbound', subject: 'Seat quote review', daysAgo: 0.2, hour: 15, steps: [planned] },
  {
    contact: 'oliver',
    direction: 'Outbound',
    subject: 'Board decision follow-up',
    daysAgo: -2,
    hour: 11,
    steps: [planned],
    relatedTo: 'opportunity',
  },
  {
    contact: 'jenna',
    direction: 'Outbound',
    subject: 'Finance sign-off',
    daysAgo: -1,
    hour: 14,
    steps: [planned],
    relatedTo: 'opportunity',
  },
  { contact: 'ana', direction: 'Outbound', subject: 'Revised terms', daysAgo: -3, hour: 10, steps: [planned] },
  {
    contact: 'kavya',
    direction: 'Outbound',
    subject: 'SSO fix verification',
    daysAgo: -1,
    hour: 11,
    steps: [planned],
    relatedTo: 'case',
  },
];

import { z } from 'zod';
import { CallDirection, CallRecord, CallStatus, Participant, RelatedRef, RelatedType } from '../domain/call';
import { ServiceType } from '../domain/appointment';
import { Address, Channel, CustomerStatus, CustomerType, Preferences } from '../domain/customer';
import { TelephonyOutcome } from '../domain/disposition';
import { E164, Id, Instant, TimeZone } from '../domain/primitives';
import type { ApiTable, EventTable } from './table';
import { LiveTransfer, TransferInput } from './transfer';
import { PendingWrapUp, SaveDraftInput, WrapUpDraft, WrapUpSubmit } from './wrap-up';

export * from './wrap-up';

/**
 * The live line: availability, the call in progress, screen pop, wrap-up and
 * click-to-dial. The core's CallController is the one source of truth; the UI reads
 * `line.state` once and then follows `line.changed`, so a reloaded window shows the
 * call exactly as it is.
 */

// ---------------------------------------------------------------------------------
// Availability and live state

/**
 * AfterCallWork is entered and left by the core (a call ended / its wrap-up was
 * saved); the agent picks among the other four.
 */
export const Availability = z.enum(['Available', 'Busy', 'Away', 'Offline', 'AfterCallWork']);
export type Availability = z.infer<typeof Availability>;
export const ChosenAvailability = Availability.exclude(['AfterCallWork']);
export type ChosenAvailability = z.infer<typeof ChosenAvailability>;

export const LinePhase = z.enum(['idle', 'ringing-in', 'dialing', 'ringing-out', 'in-progress', 'on-hold', 'wrap-up']);
export type LinePhase = z.infer<typeof LinePhase>;

export const RegistrationState = z.enum(['unregistered', 'registering', 'registered', 'destroyed']);

export const LineError = z.object({
  /** The provider's code (Twilio's: 31486 busy, 31480 unavailable, 53405 media failed…). */
  code: z.number().int(),
  /** The provider's message, for support. */
  message: z.string(),
  /** The same in words an agent understands. */
  text: z.string(),
});

export const LocalTimeView = z.object({
  /** Wall clock in the zone, `YYYY-MM-DDTHH:mm`. */
  local: z.string(),
  offsetMinutes: z.number().int(),
  /** "14:05 CET". */
  label: z.string(),
  zone: TimeZone,
  /** Where the zone came from: the person, their account, or the number's country. */
  source: z.enum(['contact', 'account', 'number']),
});
export type LocalTimeView = z.infer<typeof LocalTimeView>;

export const PopCall = z.object({
  id: Id,
  direction: CallDirection,
  status: CallStatus,
  statusReason: z.string().nullable(),
  subject: z.string(),
  /** When it happened, else when it is planned, else when it was logged. */
  at: Instant,
  durationSeconds: z.number().int().nullable(),
  dispositionCode: z.string().nullable(),
  outcomeText: z.string(),
});
export type PopCall = z.infer<typeof PopCall>;

export const PopTask = z.object({ id: Id, subject: z.string(), dueAt: Instant.nullable(), priority: z.string() });
export type PopTask = z.infer<typeof PopTask>;

/**
 * What the pop shows of a contact's customer profile (customer.ts): whether they are a
 * returning customer, where the work is and how to get in, what is installed, the next
 * visit, and how they want to be reached.
 */
export const PopCustomer = z.object({
  /** They have called or been called before. */
  returning: z.boolean(),
  type: CustomerType,
  status: CustomerStatus,
  primaryAddress: Address.nullable(),
  /** "Furnace (Carrier 59TP6), Heat pump"; empty when none is recorded. */
  equipment: z.string(),
  /** "Tue 8–12" on the customer's clock, with the service type. */
  nextVisit: z.object({ id: Id, label: z.string(), serviceType: ServiceType }).nullable(),
  preferredChannel: Channel.nullable(),
  consent: Preferences.shape.consent,
  /** "Mon–Fri 09:00–17:00"; empty when they stated no windows. */
  contactWindows: z.string(),
  language: z.string(),
  /**
   * The account whose profile this is, when a contact without a profile of their own calls
   * for an account that has one (a site manager of a commercial customer); null when the
   * profile is the caller's own.
   */
  fromAccount: z.object({ id: Id, name: z.string() }).nullable().default(null),
});
export type PopCustomer = z.infer<typeof PopCustomer>;

/** One record that owns the calling number. */
export const PopMatch = z.object({
  type: z.enum(['contact', 'lead', 'account']),
  id: Id,
  name: z.string(),
  title: z.string(),
  /** The contact's account; for a lead its company (id null); for an account itself. */
  account: z.object({ id: Id.nullable(), name: z.string() }).nullable(),
  tags: z.array(z.string()),
  doNotContact: z.boolean(),
  doNotContactReason: z.string().nullable(),
  /** Which of the record's numbers matched (work, mobile…). */
  phoneKind: z.string(),
  localTime: LocalTimeView.nullable(),
  /** The last five calls with this record, newest first. */
  recentCalls: z.array(PopCall),
  openTasks: z.array(PopTask),
  /**
   * The customer profile: a contact's own, else their account's (`fromAccount`); an
   * account's own; null for a lead and for a record with none.
   */
  customer: PopCustomer.nullable().default(null),
});
export type PopMatch = z.infer<typeof PopMatch>;

/** Who is calling. No matches means "Unknown caller" (offer "create contact" prefilled with the number). */
export const ScreenPop = z.object({
  number: z.string(),
  /** "+1 415 555 0123"; the raw text when the number is not E.164 (a `client:` caller). */
  numberDisplay: z.string(),
  matches: z.array(PopMatch),
  /** The caller's time when no match has a zone but the number's country has exactly one. */
  numberLocalTime: LocalTimeView.nullable(),
});
export type ScreenPop = z.infer<typeof ScreenPop>;

export const MatchRef = z.object({ type: z.enum(['contact', 'lead', 'account']), id: Id });
export type MatchRef = z.infer<typeof MatchRef>;

export const LiveCall = z.object({
  /** The CRM call record, written as the call goes. */
  callId: Id,
  direction: CallDirection,
  /** The other party's number (E.164), or the raw address for a non-phone caller. */
  number: z.string(),
  numberDisplay: z.string(),
  subject: z.string(),
  providerCallId: z.string().nullable(),
  /** When it started ringing (in or out). */
  startedAt: Instant,
  /** When it connected: the call timer counts from here. */
  answeredAt: Instant.nullable(),
  endedAt: Instant.nullable(),
  muted: z.boolean(),
  held: z.boolean(),
  /** DTMF sent so far, in order. */
  digits: z.string(),
  /** Set when the call ended. */
  outcome: TelephonyOutcome.nullable(),
  reconnecting: z.boolean(),
  /** Active quality warnings (Twilio's names: high-rtt, low-mos…). */
  warnings: z.array(z.string()),
  lastError: LineError.nullable(),
  /** The caller card. Null only while an outbound number is being looked up. */
  pop: ScreenPop.nullable(),
  /** The match the agent works with: the only one, or the one chosen with `line.chooseMatch`. */
  chosen: MatchRef.nullable(),
  /** A transfer under way or just made (absent in a call stored before transfers existed). */
  transfer: LiveTransfer.nullable().default(null),
});
export type LiveCall = z.infer<typeof LiveCall>;

export const LineSnapshot = z.object({
  /** Grows with every change, so a client can drop an event older than what it has. */
  version: z.number().int(),
  line: z.enum(['simulated', 'twilio']),
  registration: RegistrationState,
  availability: Availability,
  availabilitySince: Instant,
  /** What the agent returns to when after-call work ends. */
  returnTo: ChosenAvailability,
  phase: LinePhase,
  call: LiveCall.nullable(),
  /** A problem of the line itself (sign-in, microphone, signaling), not of one call. */
  lineError: LineError.nullable(),
});
export type LineSnapshot = z.infer<typeof LineSnapshot>;

// ---------------------------------------------------------------------------------
// Click-to-dial

export const DialSource = z.enum(['ui', 'link']);

export const PrepareDialInput = z
  .object({
    /** As typed or found: E.164, national format, or a tel:/callto: URI. */
    number: z.string().trim().min(1).max(2048),
    contactId: Id.optional(),
  })
  .strict();

export const DialPreview = z.object({
  e164: E164,
  extension: z.string().nullable(),
  numberDisplay: z.string(),
  /** Who owns the number (or the given contact). */
  contact: z
    .object({ type: z.enum(['contact', 'lead', 'account']), id: Id, name: z.string(), title: z.string() })
    .nullable(),
  account: z.object({ id: Id, name: z.string() }).nullable(),
  doNotContact: z.boolean(),
  doNotContactReason: z.string().nullable(),
  /** `blocked`: dialing is refused; `confirm`: dial needs `confirmDoNotContact: true`. */
  doNotContactAction: z.enum(['none', 'blocked', 'confirm']),
  suggestedSubject: z.string(),
  related: RelatedRef.nullable(),
  localTime: LocalTimeView.nullable(),
  /** The agent turned on auto-dial: the confirm sheet may be skipped. */
  autoDial: z.boolean(),
  /** Why dialing is impossible right now (wrap-up pending, already on a call), or null. */
  blockedBy: z.object({ code: z.string(), message: z.string() }).nullable(),
  /**
   * The customer asked to be called only at certain times (their profile's contact
   * windows) and their clock is outside them now: the sheet says so before dialing.
   */
  contactWindowWarning: z.string().nullable().default(null),
});
export type DialPreview = z.infer<typeof DialPreview>;

export const DialInput = z
  .object({
    number: z.string().trim().min(1).max(2048),
    contactId: Id.optional(),
    subject: z.string().trim().min(1).max(500).optional(),
    related: RelatedRef.optional(),
    source: DialSource,
    /** Made once per click or link; the same id never dials twice. */
    requestId: z.string().min(1).max(100),
    /** Required to dial a do-not-contact number when the policy is `warn`. */
    confirmDoNotContact: z.boolean().default(false),
  })
  .strict();

export const DialResult = z.object({
  callId: Id,
  /** True when this request repeated one already dialing: nothing new was dialed. */
  deduplicated: z.boolean(),
  snapshot: LineSnapshot,
});

// ---------------------------------------------------------------------------------
// History

export const TimelineItem = z.object({
  id: Id,
  status: CallStatus,
  statusReason: z.string().nullable(),
  direction: CallDirection,
  subject: z.string(),
  participants: z.array(Participant),
  plannedStart: Instant.nullable(),
  actualStart: Instant.nullable(),
  actualEnd: Instant.nullable(),
  /** Only for Held calls. */
  durationSeconds: z.number().int().nullable(),
  dispositionCode: z.string().nullable(),
  dispositionLabel: z.string(),
  outcomeText: z.string(),
  fromNumber: z.string().nullable(),
  toNumber: z.string().nullable(),
  /** The time it sorts by: when it happened, else when it is planned. */
  at: Instant,
  /** Demo data (shown with a Demo badge; kept on this desktop, never synced). */
  isDemo: z.boolean().default(false),
  /** Visits booked on this call, in words ("Thu 2026-12-03 8–12 · maintenance · Scheduled"). */
  visits: z.array(z.string()).default([]),
});
export type TimelineItem = z.infer<typeof TimelineItem>;

// ---------------------------------------------------------------------------------

const empty = z.object({}).strict();

export const lineApi = {
  'line.state': { input: empty, output: LineSnapshot, summary: 'The live line as it is now (call, availability).' },
  'line.setAvailability': {
    input: z.object({ availability: ChosenAvailability }).strict(),
    output: LineSnapshot,
    summary: 'Sets the agent’s availability; during after-call work, sets what follows it.',
  },
  'line.answer': { input: empty, output: LineSnapshot, summary: 'Answers the ringing call.' },
  'line.reject': { input: empty, output: LineSnapshot, summary: 'Rejects the ringing call (the caller hears busy).' },
  'line.hangup': { input: empty, output: LineSnapshot, summary: 'Ends the call, or stops dialing.' },
  'line.mute': {
    input: z.object({ muted: z.boolean() }).strict(),
    output: LineSnapshot,
    summary: 'Mutes or unmutes the microphone.',
  },
  'line.hold': { input: empty, output: LineSnapshot, summary: 'Puts the customer on hold.' },
  'line.resume': { input: empty, output: LineSnapshot, summary: 'Takes the customer off hold.' },
  'line.transfer': {
    input: TransferInput,
    output: LineSnapshot,
    summary: 'Passes the connected call to a colleague or a number: cold, or warm (consult first).',
  },
  'line.completeTransfer': { input: empty, output: LineSnapshot, summary: 'Warm transfer: the target takes the call.' },
  'line.cancelTransfer': { input: empty, output: LineSnapshot, summary: 'Warm transfer: back to the customer.' },
  'line.sendDigits': {
    input: z.object({ digits: z.string().regex(/^[0-9*#]{1,32}$/, 'Digits, * and # only.') }).strict(),
    output: LineSnapshot,
    summary: 'Sends DTMF tones on the connected call.',
  },
  'line.prepareDial': {
    input: PrepareDialInput,
    output: DialPreview,
    summary: 'What the confirm sheet shows before dialing: number, contact, do-not-contact, subject.',
  },
  'line.dial': {
    input: DialInput,
    output: DialResult,
    summary: 'Dials a number (deduplicated by request id and number); logs a Planned outbound call.',
  },
  'line.chooseMatch': {
    input: MatchRef.strict(),
    output: LineSnapshot,
    summary: 'Picks which of several matching records the live call is with.',
  },
  'line.notes': {
    input: z.object({ notes: z.string().max(20000) }).strict(),
    output: z.object({ savedAt: Instant }),
    summary: 'Saves notes typed during the call into its wrap-up draft.',
  },
  'wrapup.get': {
    input: empty,
    output: PendingWrapUp.nullable(),
    summary: 'The wrap-up waiting to be saved, with its draft and the disposition codes; null if none.',
  },
  'wrapup.saveDraft': {
    input: SaveDraftInput,
    output: WrapUpDraft,
    summary: 'Saves the form as typed (survives reload and restart).',
  },
  'wrapup.submit': {
    input: WrapUpSubmit,
    output: z.object({ call: CallRecord, taskId: Id.nullable(), snapshot: LineSnapshot }),
    summary: 'Logs the outcome, notes and follow-up task; ends after-call work.',
  },
  'calls.timeline': {
    input: z
      .object({
        related: z.object({ type: RelatedType, id: Id }),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    output: z.object({ items: z.array(TimelineItem) }),
    summary: 'Every call linked to a record (as related record or participant), newest first.',
  },
  'dev.injectInbound': {
    input: z
      .object({
        from: z.string().min(1).max(64),
        customParameters: z.record(z.string(), z.string()).optional(),
        // How long it rings unanswered before the caller gives up (30 s when left out). A
        // test that inspects a ringing pop on a loaded machine asks for longer than its work.
        ringMs: z.number().int().min(1_000).max(600_000).optional(),
      })
      .strict(),
    output: LineSnapshot,
    summary: 'Simulated line only: a call arrives from this number (and rings out after ringMs, 30 s by default).',
  },
  'dev.scriptOutbound': {
    input: z
      .object({
        number: z.string().min(1).max(64),
        outcome: z.enum(['answer', 'busy', 'no-answer', 'declined', 'failed']),
        afterMs: z.number().int().min(0).max(600_000).default(2000),
      })
      .strict(),
    output: z.object({ e164: E164 }),
    summary: 'Simulated line only: calls to this number end this way from now on.',
  },
  'dev.remoteHangup': {
    input: empty,
    output: LineSnapshot,
    summary: 'Simulated line only: the other party hangs up.',
  },
} as const satisfies ApiTable;

export const lineEvents = {
  /** Every change of the live line. */
  'line.changed': LineSnapshot,
  /** A call started ringing here: for the shell's OS notification and the pop. */
  'line.incoming': z.object({ snapshot: LineSnapshot, pop: ScreenPop }),
  /** A call ended: the wrap-up form must open. */
  'wrapup.required': z.object({ callId: Id, outcome: TelephonyOutcome, since: Instant }),
} as const satisfies EventTable;

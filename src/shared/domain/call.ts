import { z } from 'zod';
import { E164, Id, Instant, LocalDateTime, RecordingUrl, TimeZone } from './primitives';
import { TagSet } from './tag-set';

export const CallDirection = z.enum(['Inbound', 'Outbound']);
export type CallDirection = z.infer<typeof CallDirection>;

/** The CRM status of a call. `NotHeld` is shown as "Not Held". */
export const CallStatus = z.enum(['Planned', 'Held', 'NotHeld', 'Cancelled']);
export type CallStatus = z.infer<typeof CallStatus>;

export const callStatusLabel: Record<CallStatus, string> = {
  Planned: 'Planned',
  Held: 'Held',
  NotHeld: 'Not Held',
  Cancelled: 'Cancelled',
};

/** When a call is planned: what the agent typed, where, and the instant it resolves to. */
export const PlannedStart = z.object({
  local: LocalDateTime,
  zone: TimeZone,
  /** Resolved with Temporal's `compatible` disambiguation (see time.ts). */
  utc: Instant,
});
export type PlannedStart = z.infer<typeof PlannedStart>;

export const RelatedType = z.enum(['account', 'contact', 'lead', 'opportunity', 'case']);
export type RelatedType = z.infer<typeof RelatedType>;

export const RelatedRef = z.object({
  type: RelatedType,
  id: Id,
  /** Denormalised display name ("Acme Corp", "Case 00042: Router down"). */
  name: z.string().max(300).default(''),
});
export type RelatedRef = z.infer<typeof RelatedRef>;

export const ParticipantKind = z.enum(['user', 'contact', 'lead']);
export const ParticipantRole = z.enum(['organizer', 'attendee']);
export const Participant = z.object({
  kind: ParticipantKind,
  id: Id,
  role: ParticipantRole,
  /** Denormalised display name, so a call log renders without joins. */
  name: z.string().max(200).default(''),
});
export type Participant = z.infer<typeof Participant>;

export const Outcome = z.object({
  /** One of the configured disposition codes (disposition.ts); null until wrap-up. */
  dispositionCode: z.string().max(64).nullable(),
  text: z.string().max(4000),
});
export type Outcome = z.infer<typeof Outcome>;

export const StatusHistoryEntry = z.object({
  /** null for the entry that created the call. */
  from: CallStatus.nullable(),
  to: CallStatus,
  reason: z.string().nullable(),
  at: Instant,
  /** User id of whoever made the change: the signed-in agent, also for what the live line records. */
  by: z.string().min(1),
});
export type StatusHistoryEntry = z.infer<typeof StatusHistoryEntry>;

/**
 * A call's quality over its life, from the SDK's per-second samples: saved on the call
 * record and shown in its detail. Null where the call carried no media (never connected).
 */
export const CallQualitySummary = z
  .object({
    averageMos: z.number().min(0).max(5).nullable(),
    worstJitterMs: z.number().min(0).max(100_000).nullable(),
    /** Packets lost of those expected, over the whole call, in percent. */
    packetLossPercent: z.number().min(0).max(100).nullable(),
  })
  .strict();
export type CallQualitySummary = z.infer<typeof CallQualitySummary>;

/** A supervisor's review of a call: flagged for review, with a score and a comment the agent reads. */
export const CallReview = z.object({
  score: z.number().int().min(1).max(5),
  comment: z.string().max(2000),
  /** User id of the reviewer, and their name when they reviewed. */
  by: z.string().min(1).max(64),
  byName: z.string().max(200),
  at: Instant,
});
export type CallReview = z.infer<typeof CallReview>;

/** What the telephony provider transcribed of the call (Twilio's transcription callback). */
export const CallTranscript = z.object({
  text: z.string().max(100_000),
  provider: z.string().max(32),
  at: Instant,
});
export type CallTranscript = z.infer<typeof CallTranscript>;

export const CallRecord = z.object({
  id: Id,
  direction: CallDirection,
  subject: z.string().max(500),
  status: CallStatus,
  /** Reason given with the latest move to NotHeld or Cancelled; null otherwise. */
  statusReason: z.string().nullable(),
  plannedStart: PlannedStart.nullable(),
  actualStart: Instant.nullable(),
  actualEnd: Instant.nullable(),
  /** Derived from actualStart/actualEnd when Held, in whole seconds; never typed. */
  durationSeconds: z.number().int().nonnegative().nullable(),
  outcome: Outcome,
  participants: z.array(Participant),
  related: RelatedRef.nullable(),
  ownerId: Id,
  teamId: Id.nullable(),
  fromNumber: E164.nullable(),
  toNumber: E164.nullable(),
  /** The telephony provider's id for the call (Twilio CallSid). */
  providerCallId: z.string().nullable(),
  recordingUrl: RecordingUrl.nullable(),
  /** How the call sounded (the Twilio line measures it); null when not measured. */
  quality: CallQualitySummary.nullable().default(null),
  /** A supervisor's review; null or absent when nobody reviewed the call. */
  review: CallReview.nullish(),
  /** The provider's transcript; null or absent when it supplied none. */
  transcript: CallTranscript.nullish(),
  /** When the agent saved the call's wrap-up: the end of its after-call work (call-analytics.ts). */
  wrappedUpAt: Instant.nullable().default(null),
  history: z.array(StatusHistoryEntry),
  /** The call's tags as a set of additions and removals (tag-set.ts); missing when never tagged. */
  tagSet: TagSet.optional(),
  createdAt: Instant,
  updatedAt: Instant,
  isDemo: z.boolean().default(false),
});
export type CallRecord = z.infer<typeof CallRecord>;

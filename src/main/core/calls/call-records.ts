import type { MatchRef, PopMatch, ScreenPop } from '../../../shared/api/line';
import type {
  CallDirection,
  CallQualitySummary,
  CallRecord,
  Participant,
  RelatedRef,
} from '../../../shared/domain/call';
import { crmOutcomeFor, type TelephonyOutcome } from '../../../shared/domain/disposition';
import { newId } from '../../../shared/domain/ids';
import { isE164 } from '../../../shared/domain/phone';
import { getCall } from '../db/repositories/calls';
import { CoreError } from '../errors';
import { commit, type Mutation, type WriteContext } from '../sync/mutate';
import { callSet } from '../sync/mutation-args';
import type { MutationInput } from '../../../shared/sync/mutations';

/**
 * The call record as the live call goes: created when it rings or is dialed, started
 * when it connects, Held or Not Held when it ends. Each step is a sync mutation through
 * the write entry point (sync/mutate.ts), like any other change: the shared lifecycle
 * checks it, the history names the signed-in agent as its author (as replay and the
 * server do), and a rebase in the middle of the call keeps every step.
 */

export interface Agent {
  userId: string;
  name: string;
}

function matchOf(pop: ScreenPop | null, chosen: MatchRef | null): PopMatch | null {
  if (!pop || !chosen) return null;
  return pop.matches.find((m) => m.type === chosen.type && m.id === chosen.id) ?? null;
}

/** The agent organises; the person on the line attends (accounts are not people). */
export function participantsFor(agent: Agent, match: PopMatch | null): Participant[] {
  const me: Participant = { kind: 'user', id: agent.userId, role: 'organizer', name: agent.name };
  if (!match || match.type === 'account') return [me];
  return [me, { kind: match.type, id: match.id, role: 'attendee', name: match.name }];
}

export function relatedOf(match: PopMatch | null): RelatedRef | null {
  return match ? { type: match.type, id: match.id, name: match.name } : null;
}

export interface NewLiveCall {
  direction: CallDirection;
  subject: string;
  /** The other party. */
  number: string | null;
  providerCallId: string | null;
  participants: Participant[];
  related: RelatedRef | null;
  at: string;
  /** Born Not Held (an inbound call refused because the agent was unavailable). */
  notHeldReason?: string;
  /** The record's id when the line already named it (a ringing call is shown before it is written). */
  id?: string;
}

/** A new call under a new id, through the write entry point; the shared lifecycle checks its status and times. */
export function createCallRecord(
  ctx: WriteContext,
  args: Omit<MutationInput<'call.create'>, 'id'>,
  id: string = newId(),
  /** Changes that come with the new call in the same commit (its reminders). */
  along: (id: string) => Mutation[] = () => [],
): CallRecord {
  commit(ctx, [{ name: 'call.create', args: { ...args, id } }, ...along(id)]);
  return requireCall(ctx, id);
}

/** Writes the live call's record (rung or dialed) and returns it as stored. */
export function createLiveCallRecord(ctx: WriteContext, input: NewLiveCall): CallRecord {
  const e164 = input.number && isE164(input.number) ? input.number : null;
  return createCallRecord(
    ctx,
    {
      direction: input.direction,
      subject: input.subject,
      status: input.notHeldReason ? 'NotHeld' : 'Planned',
      reason: input.notHeldReason ?? null,
      participants: input.participants,
      related: input.related,
      fromNumber: input.direction === 'Inbound' ? e164 : null,
      toNumber: input.direction === 'Outbound' ? e164 : null,
      providerCallId: input.providerCallId,
      at: input.at,
    },
    input.id,
  );
}

function requireCall(ctx: WriteContext, id: string): CallRecord {
  const call = getCall(ctx.local.db, id);
  if (!call) throw new CoreError('not_found', `Call ${id} is no longer in the local store.`);
  return call;
}

/** The provider's call id, as a field edit of its own, when the line learnt a new one. */
function providerIdChange(call: CallRecord, providerCallId: string | null, at: string): Mutation[] {
  const provider = providerCallId ?? call.providerCallId;
  if (provider === call.providerCallId) return [];
  return [{ name: 'call.update', args: { id: call.id, set: callSet({ providerCallId: provider }), at } }];
}

/**
 * The call connected. Its actual start is a mutation of its own (`call.answered`), so a
 * sync during the call rebuilds the row from the server's copy plus this change and the
 * start stays on screen; a crash mid-call also leaves the time it began.
 */
export function recordAnswered(ctx: WriteContext, callId: string, at: string, providerCallId: string | null): void {
  const call = requireCall(ctx, callId);
  commit(ctx, [
    ...providerIdChange(call, providerCallId, at),
    { name: 'call.answered', args: { id: callId, actualStart: at, at } },
  ]);
}

export interface EndedCall {
  callId: string;
  outcome: TelephonyOutcome;
  answeredAt: string | null;
  endedAt: string;
  providerCallId: string | null;
  /** How the call sounded, when the line measured it. */
  quality?: CallQualitySummary | null;
}

const measured = (quality: CallQualitySummary | null | undefined): quality is CallQualitySummary =>
  !!quality && Object.values(quality).some((value) => value !== null);

/** Held with its times and duration when it connected; Not Held with the telephony reason when not. */
export function recordEnded(ctx: WriteContext, ended: EndedCall): CallRecord {
  const crm = crmOutcomeFor(ended.outcome);
  const call = requireCall(ctx, ended.callId);
  const status =
    crm.status === 'Held' && ended.answeredAt
      ? { to: 'Held' as const, actualStart: ended.answeredAt, actualEnd: ended.endedAt }
      : {
          to: 'NotHeld' as const,
          reason: crm.reason ?? crmOutcomeFor('failed').reason,
          actualStart: null,
          actualEnd: null,
        };
  // The provider's call id may have been learnt after the record was queued (an
  // outbound call gets it when it connects); it travels as a field edit of its own.
  // The quality summary rides in the same commit as the end: one write, one outbox entry set.
  commit(ctx, [
    ...providerIdChange(call, ended.providerCallId, ended.endedAt),
    ...(measured(ended.quality)
      ? [
          {
            name: 'call.update' as const,
            args: { id: call.id, set: callSet({ quality: ended.quality }), at: ended.endedAt },
          },
        ]
      : []),
    { name: 'call.setStatus', args: { id: call.id, ...status, at: ended.endedAt } },
  ]);
  return requireCall(ctx, ended.callId);
}

/** The agent chose who the caller is: the record's attendee and related record follow. */
export function linkMatch(ctx: WriteContext, agent: Agent, callId: string, match: PopMatch, at: string): CallRecord {
  const fields = { participants: participantsFor(agent, match), related: relatedOf(match) };
  commit(ctx, [{ name: 'call.update', args: { id: callId, set: callSet(fields), at } }]);
  return requireCall(ctx, callId);
}

export { matchOf };

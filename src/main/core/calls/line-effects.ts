import type { EventBus } from '../events';
import { startAfterCallWork, type AvailabilityState } from './availability';
import { recordAnswered, recordEnded } from './call-records';
import type { CallControllerDeps } from './call-controller-types';
import type { LineEffect } from './line-machine';
import { callerOf, closeCallBacks, followUpMissedCall } from './missed-calls';

/**
 * What the line reducer asks for, carried out: the call record's writes (through the
 * one write path), the missed call's follow-up, after-call work.
 */
export interface EffectContext {
  deps: Pick<CallControllerDeps, 'write'>;
  events: EventBus;
  /** The live call's provider id as the line knows it now (learnt after the record was made). */
  providerCallId: string | null;
  availability: () => AvailabilityState;
  setAvailability: (next: AvailabilityState) => void;
  /** The call is over: stop listening to it. */
  detach: () => void;
}

export function runLineEffect(effect: LineEffect, ctx: EffectContext): void {
  const { deps, events } = ctx;
  switch (effect.type) {
    case 'record-answered':
      recordAnswered(deps.write, effect.callId, effect.at, ctx.providerCallId);
      return;
    case 'record-ended': {
      ctx.detach();
      const ended = recordEnded(deps.write, {
        callId: effect.callId,
        outcome: effect.outcome,
        answeredAt: effect.answeredAt,
        endedAt: effect.endedAt,
        providerCallId: ctx.providerCallId,
        quality: effect.quality,
      });
      // Reaching the caller handles their missed calls.
      const number = ended.direction === 'Inbound' ? ended.fromNumber : ended.toNumber;
      if (ended.status === 'Held' && number) closeCallBacks(deps.write, number, effect.endedAt);
      return;
    }
    case 'missed-call':
      // No wrap-up for a call that never connected: the agent returns to what they
      // were doing, and a call-back task takes the wrap-up's place.
      followUpMissedCall(deps.write, events, {
        callId: effect.call.callId,
        ...callerOf(effect.call),
        reason: effect.outcome,
        availability: ctx.availability().current,
        at: effect.at,
      });
      return;
    case 'wrapup-required':
      ctx.setAvailability(startAfterCallWork(ctx.availability(), effect.since));
      events.emit('wrapup.required', { callId: effect.callId, outcome: effect.outcome, since: effect.since });
      return;
  }
}

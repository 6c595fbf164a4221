import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LineSnapshot, PendingWrapUp } from '../../../../src/shared/api/line';
import type { CallRecord } from '../../../../src/shared/domain/call';
import { signIn, type Desktop } from './harness';
import {
  desktopWithLine,
  localAndReplayed,
  serverCall,
  serverForFile,
  visible,
  type NetMode,
} from './write-path-support';

/**
 * The write path's promise: what an agent sees right after a change is what they see
 * after any sync, whatever moment it runs at. Random sequences of the agent's actions,
 * the live call's events and sync rounds over a network that loses, duplicates and
 * reorders requests; after EVERY step each local record equals the server's copy the
 * desktop holds with the waiting mutations replayed on it (what a rebase would make of
 * it right then), and once the network is good again the desktop and the server agree.
 */

const env = serverForFile();

type Step =
  | { kind: 'create'; subject: string }
  | { kind: 'edit'; pick: number; subject: string }
  | { kind: 'setStatus'; pick: number; to: 'Held' | 'NotHeld' | 'Cancelled' | 'Planned' }
  | { kind: 'note'; pick: number; body: string }
  | { kind: 'ring' }
  | { kind: 'answer' }
  | { kind: 'hangup' }
  | { kind: 'remote-hangup' }
  | { kind: 'wrap-up'; outcomeText: string }
  | { kind: 'tick'; ms: number }
  | { kind: 'sync'; net: NetMode };

const word = fc.constantFrom('Renewal', 'Billing', 'Quote', 'Follow-up', 'Onboarding');
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('create' as const), subject: word }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('edit' as const), pick: fc.nat(), subject: word }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('setStatus' as const),
      pick: fc.nat(),
      to: fc.constantFrom('Held' as const, 'NotHeld' as const, 'Cancelled' as const, 'Planned' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('note' as const), pick: fc.nat(), body: word }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'ring' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'answer' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'hangup' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'remote-hangup' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('wrap-up' as const), outcomeText: word }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 90_000 }) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('sync' as const),
      net: fc.constantFrom<NetMode>('ok', 'offline', 'lose-reply', 'duplicate', 'reorder'),
    }),
  },
);

interface World {
  desktop: Desktop;
  net: { mode: NetMode };
  scheduler: ReturnType<typeof desktopWithLine>['scheduler'];
  callIds: string[];
}

async function openWorld(): Promise<World> {
  const { desktop, scheduler, net } = desktopWithLine(env.server, '2026-03-10T14:00:00.000Z');
  await signIn(desktop, 'acme', env.company.agent.email);
  await desktop.sync();
  return { desktop, net, scheduler, callIds: [] };
}

/** Runs one step; a refusal (an illegal status change, no ringing call) is part of the game. */
async function run(world: World, step: Step): Promise<void> {
  const { desktop } = world;
  const pick = (n: number) => world.callIds[n % Math.max(world.callIds.length, 1)];
  const attempt = (name: string, input: unknown = {}) => desktop.core.dispatch(name, input);
  switch (step.kind) {
    case 'create': {
      const reply = await attempt('calls.create', { direction: 'Outbound', subject: step.subject });
      if (reply.ok) world.callIds.push((reply.value as CallRecord).id);
      return;
    }
    case 'edit':
      if (pick(step.pick)) await attempt('calls.update', { id: pick(step.pick), subject: step.subject });
      return;
    case 'setStatus': {
      const id = pick(step.pick);
      if (!id) return;
      const times = { actualStart: '2026-03-10T13:00:00.000Z', actualEnd: '2026-03-10T13:05:00.000Z' };
      await attempt('calls.setStatus', {
        id,
        to: step.to,
        ...(step.to === 'Held' ? times : {}),
        ...(step.to === 'NotHeld' || step.to === 'Cancelled' ? { reason: 'No answer' } : {}),
      });
      return;
    }
    case 'note':
      if (pick(step.pick)) await attempt('calls.addNote', { callId: pick(step.pick), body: step.body });
      return;
    case 'ring': {
      const reply = await attempt('dev.injectInbound', { from: '+14155550123' });
      const callId = reply.ok ? (reply.value as LineSnapshot).call?.callId : undefined;
      if (callId && !world.callIds.includes(callId)) world.callIds.push(callId);
      return;
    }
    case 'answer':
      await attempt('line.answer');
      return;
    case 'hangup':
      await attempt('line.hangup');
      return;
    case 'remote-hangup':
      await attempt('dev.remoteHangup');
      return;
    case 'wrap-up': {
      const pending = await attempt('wrapup.get');
      const wrap = pending.ok ? (pending.value as PendingWrapUp | null) : null;
      if (!wrap) return;
      const code = wrap.dispositions.find((d) => d.suggestsStatus === wrap.draft.status)!;
      await attempt('wrapup.submit', {
        callId: wrap.callId,
        status: wrap.draft.status,
        reason: wrap.draft.reason,
        dispositionCode: code.code,
        outcomeText: step.outcomeText,
        notes: `Wrapped: ${step.outcomeText}`,
        related: wrap.draft.related,
      });
      return;
    }
    case 'tick':
      world.scheduler.advance(step.ms);
      return;
    case 'sync':
      world.net.mode = step.net;
      try {
        await desktop.sync();
      } finally {
        world.net.mode = 'ok';
      }
      return;
  }
}

describe('one write path: local = server copy + waiting mutations, at every step', () => {
  it('holds over random user actions, live-call events and sync rounds on a lossy, duplicating, reordering network', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 5, maxLength: 30 }), async (steps) => {
        runs += 1;
        const world = await openWorld();
        try {
          for (const step of steps) {
            await run(world, step);
            const { local, replayed } = await localAndReplayed(world.desktop, env.company.agent.id);
            expect(replayed).toEqual(local);
          }
          // A good network again: the desktop empties its outbox and agrees with the server.
          for (let round = 0; round < 4 && (await world.desktop.sync()).pending > 0; round++);
          expect(world.desktop.core.sync!.status()).toMatchObject({ pending: 0, lastError: null });
          const { local } = await localAndReplayed(world.desktop, env.company.agent.id);
          for (const { call } of local.values()) {
            const stored = await serverCall(env.server, call.id);
            expect(stored && visible(stored)).toEqual(visible(call));
          }
        } finally {
          world.desktop.close();
        }
      }),
      { seed: 20261201, numRuns: 12, endOnFailure: true },
    );
    expect(runs).toBe(12);
  }, 600_000);
});

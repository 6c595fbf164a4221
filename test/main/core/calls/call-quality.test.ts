import { describe, expect, it } from 'vitest';
import { createLiveCallRecord, recordAnswered, recordEnded } from '../../../../src/main/core/calls/call-records';
import { getCall } from '../../../../src/main/core/db/repositories/calls';
import { pendingOutbox } from '../../../../src/main/core/db/repositories/outbox';
import { createEventBus } from '../../../../src/main/core/events';
import type { WriteContext } from '../../../../src/main/core/sync/mutate';
import { openTestDb } from '../helpers';

function context(): WriteContext {
  return { local: openTestDb(), events: createEventBus(), userId: 'user-1', wakeSync: () => {} };
}

function liveCall(ctx: WriteContext) {
  const record = createLiveCallRecord(ctx, {
    direction: 'Inbound',
    subject: 'Call from Ada',
    number: '+442079460001',
    providerCallId: 'CA_parent',
    participants: [],
    related: null,
    at: '2026-03-10T14:00:00.000Z',
  });
  recordAnswered(ctx, record.id, '2026-03-10T14:00:03.000Z', 'CA_parent');
  return record.id;
}

describe('the call quality summary, through the one write path', () => {
  it('is saved on the Held record with the end, and queued for the server in the same commit', () => {
    const ctx = context();
    const id = liveCall(ctx);
    const quality = { averageMos: 4.21, worstJitterMs: 23.4, packetLossPercent: 0.8 };
    const before = pendingOutbox(ctx.local.db).length;
    recordEnded(ctx, {
      callId: id,
      outcome: 'completed',
      answeredAt: '2026-03-10T14:00:03.000Z',
      endedAt: '2026-03-10T14:02:03.000Z',
      providerCallId: 'CA_parent',
      quality,
    });
    expect(getCall(ctx.local.db, id)).toMatchObject({ status: 'Held', durationSeconds: 120, quality });
    const queued = pendingOutbox(ctx.local.db).slice(before);
    expect(queued.map((m) => m.name)).toEqual(['call.update', 'call.setStatus']);
    expect(queued[0]!.args).toMatchObject({ id, set: { quality } });
  });

  it('writes nothing for a call the line did not measure (no media, every figure null)', () => {
    const ctx = context();
    const id = liveCall(ctx);
    const before = pendingOutbox(ctx.local.db).length;
    recordEnded(ctx, {
      callId: id,
      outcome: 'completed',
      answeredAt: '2026-03-10T14:00:03.000Z',
      endedAt: '2026-03-10T14:00:04.000Z',
      providerCallId: 'CA_parent',
      quality: { averageMos: null, worstJitterMs: null, packetLossPercent: null },
    });
    expect(getCall(ctx.local.db, id)!.quality).toBeNull();
    expect(
      pendingOutbox(ctx.local.db)
        .slice(before)
        .map((m) => m.name),
    ).toEqual(['call.setStatus']);
  });

  it('refuses a summary out of range at the door, and the call is not ended half-way', () => {
    const ctx = context();
    const id = liveCall(ctx);
    expect(() =>
      recordEnded(ctx, {
        callId: id,
        outcome: 'completed',
        answeredAt: '2026-03-10T14:00:03.000Z',
        endedAt: '2026-03-10T14:02:03.000Z',
        providerCallId: 'CA_parent',
        quality: { averageMos: 9, worstJitterMs: 10, packetLossPercent: 0 },
      }),
    ).toThrow();
    expect(getCall(ctx.local.db, id)!.status).toBe('Planned');
  });
});

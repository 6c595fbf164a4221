import { describe, expect, it } from 'vitest';
import { createHeartbeat, HEARTBEAT_EVERY_MS } from '../../src/server/sync/heartbeat';

describe('sync heartbeat', () => {
  it('writes presence on the first beat, then at most once per interval and user', async () => {
    const clock = { now: new Date('2026-03-10T12:00:00.000Z') };
    const touches: string[] = [];
    const beat = createHeartbeat(
      async (companyId, userId, at) => {
        touches.push(`${companyId}/${userId}@${at.getTime() - Date.parse('2026-03-10T12:00:00.000Z')}`);
      },
      () => clock.now,
    );
    const later = (ms: number) => (clock.now = new Date(clock.now.getTime() + ms));

    await beat('co', 'u1');
    await beat('co', 'u1');
    await beat('co', 'u2');
    later(HEARTBEAT_EVERY_MS - 1);
    await beat('co', 'u1');
    later(1);
    await beat('co', 'u1');
    // A clock that went back is no reason to stay silent.
    later(-60_000);
    await beat('co', 'u1');
    expect(touches).toEqual([
      'co/u1@0',
      'co/u2@0',
      `co/u1@${HEARTBEAT_EVERY_MS}`,
      `co/u1@${HEARTBEAT_EVERY_MS - 60_000}`,
    ]);
  });
});

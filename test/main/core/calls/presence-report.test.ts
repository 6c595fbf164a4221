import { afterEach, describe, expect, it } from 'vitest';
import { lineHarness } from './line-harness';

type Harness = ReturnType<typeof lineHarness>;
let harness: Harness | null = null;
afterEach(() => {
  harness?.close();
  harness = null;
});

function presenceReports(h: Harness) {
  return h
    .sql<{ name: string; args: string }>(
      "select name, args from outbox where name = 'presence.set' order by mutation_id",
    )
    .map((row) => (JSON.parse(row.args) as { availability: string }).availability);
}

describe('the agent’s availability reaches the server through the outbox', () => {
  it('on a Twilio line: the first availability, then each change, never a repeat', async () => {
    harness = lineHarness({ lineKind: 'twilio' });
    await harness.invoke('line.state');
    await harness.invoke('line.setAvailability', { availability: 'Away' });
    await harness.invoke('line.setAvailability', { availability: 'Away' });
    await harness.invoke('line.setAvailability', { availability: 'Available' });
    expect(presenceReports(harness)).toEqual(['Available', 'Away', 'Available']);
  });

  it('on the simulated line: nothing is queued, as no server can ring it', async () => {
    harness = lineHarness();
    await harness.invoke('line.setAvailability', { availability: 'Away' });
    await harness.invoke('line.setAvailability', { availability: 'Available' });
    expect(presenceReports(harness)).toEqual([]);
  });
});

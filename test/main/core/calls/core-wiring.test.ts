import { describe, expect, it } from 'vitest';
import type { LineSnapshot } from '../../../../src/shared/api/line';
import { createManualScheduler } from '../../../../src/main/core/telephony/scheduler';
import { createSimulatedEngine } from '../../../../src/main/core/telephony/simulated-engine';
import { call, testCore } from '../helpers';

function wiredCore() {
  const scheduler = createManualScheduler(Date.parse('2026-03-10T14:00:00.000Z'));
  const engine = createSimulatedEngine({ scheduler });
  const core = testCore({ now: () => new Date(scheduler.now()), line: { engine, scheduler } });
  return { core, scheduler };
}

describe('the line through the core’s dispatcher', () => {
  it('is registered, schema-checked and publishes its events on the core bus', async () => {
    const { core, scheduler } = wiredCore();
    const seen: { name: string; payload: unknown }[] = [];
    core.events.subscribe((name, payload) => seen.push({ name, payload }));
    const idle = await call<LineSnapshot>(core, 'line.state', {});
    expect(idle).toMatchObject({
      line: 'simulated',
      registration: 'registered',
      availability: 'Available',
      phase: 'idle',
    });

    await call(core, 'dev.injectInbound', { from: '+14155550123' });
    expect(seen.map((e) => e.name)).toContain('line.incoming');
    await call(core, 'line.answer', {});
    scheduler.advance(12_000);
    const ended = await call<LineSnapshot>(core, 'line.hangup', {});
    expect(ended.phase).toBe('wrap-up');
    expect(seen.map((e) => e.name)).toContain('wrapup.required');

    const refused = await core.dispatch('line.sendDigits', { digits: 'abc' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const submitted = await call<{ call: { status: string; durationSeconds: number } }>(core, 'wrapup.submit', {
      callId: ended.call!.callId,
      status: 'Held',
      dispositionCode: 'resolved',
    });
    expect(submitted.call).toMatchObject({ status: 'Held', durationSeconds: 12 });
  });
});

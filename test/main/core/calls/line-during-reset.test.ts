import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearCacheSlice } from '../../../../src/main/core/sync/cache-write';
import { outboxTargetKeys, rebase } from '../../../../src/main/core/sync/rebase';
import { lineHarness, type LineHarness } from './line-harness';

/**
 * A pull answered `reset: true` empties the local cache and downloads it again, the
 * agent's waiting changes replayed on top at the end (sync/pull.ts). The crash harness
 * (`npm run chaos`) caught a live call's record gone in that window: the answer could
 * not be written ("Call … is no longer in the local store"), and the record came back
 * from the replay as a call that never started, so its wrap-up could not be saved as
 * Held ("A held call needs the time it actually started and ended").
 */

const ada = '+442079460001';

/** The reset's clear, as the pull runs it: slice after slice until nothing is left to remove. */
function resetClear(h: LineHarness): void {
  while (clearCacheSlice(h.local, 2_000, outboxTargetKeys(h.local)) > 0);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a reset download while a call is on the line', () => {
  it('keeps the ringing call’s record, so its answer and end are written to it', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const h = lineHarness();
    const callId = (await h.invoke('dev.injectInbound', { from: ada })).call!.callId;
    resetClear(h);
    expect(h.call(callId).status).toBe('Planned');
    h.scheduler.advance(2_000);
    await h.invoke('line.answer');
    h.scheduler.advance(30_000);
    await h.invoke('line.hangup');
    expect(h.call(callId)).toMatchObject({
      status: 'Held',
      actualStart: '2026-03-10T14:00:02.000Z',
      actualEnd: '2026-03-10T14:00:32.000Z',
    });
    expect(errors).not.toHaveBeenCalled();
    h.close();
  });

  it('still clears the records with nothing waiting', async () => {
    const h = lineHarness();
    const callId = (await h.invoke('dev.injectInbound', { from: ada })).call!.callId;
    // The server has taken the call's creation: nothing of it waits any more.
    h.local.sqlite.prepare('delete from outbox').run();
    resetClear(h);
    expect(h.sql('select id from calls where id = ?', callId)).toEqual([]);
    h.close();
  });

  it('a wrap-up whose record came back without its times (the answer and end were lost) saves Held with the line’s', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const h = lineHarness();
    const callId = (await h.invoke('dev.injectInbound', { from: ada })).call!.callId;
    // What an earlier build's reset did: the record gone while the call was answered and ended…
    h.local.sqlite.prepare('delete from calls where id = ?').run(callId);
    h.scheduler.advance(2_000);
    await h.invoke('line.answer');
    h.scheduler.advance(30_000);
    await h.invoke('line.hangup');
    // …then rebuilt by the rebase from the one change that was written: its creation.
    await rebase(h.local, { processedThrough: 0, userId: h.ctx.userId });
    expect(h.call(callId)).toMatchObject({ status: 'Planned', actualStart: null, actualEnd: null });
    const saved = await h.invoke('wrapup.submit', { callId, status: 'Held', dispositionCode: 'resolved' });
    expect(saved.call).toMatchObject({
      status: 'Held',
      actualStart: '2026-03-10T14:00:02.000Z',
      actualEnd: '2026-03-10T14:00:32.000Z',
      outcome: { dispositionCode: 'resolved' },
    });
    expect((await h.invoke('line.state')).phase).toBe('idle');
    h.close();
  });

  it('a call that never connected gets no times made up: Held is still refused, Not Held saves', async () => {
    const h = lineHarness();
    await h.invoke('dev.scriptOutbound', { number: '+14155550123', outcome: 'no-answer', afterMs: 4000 });
    const { callId } = await h.invoke('line.dial', { number: '+1 415 555 0123', source: 'ui', requestId: 'r1' });
    h.scheduler.advance(4000);
    expect(h.call(callId)).toMatchObject({ status: 'NotHeld', actualStart: null });
    const refused = await h.refusal('wrapup.submit', { callId, status: 'Held', dispositionCode: 'resolved' });
    expect(refused.code).toBe('actual_times_required');
    const saved = await h.invoke('wrapup.submit', {
      callId,
      status: 'NotHeld',
      reason: 'No answer',
      dispositionCode: 'no_answer',
    });
    expect(saved.call).toMatchObject({ status: 'NotHeld', actualStart: null, actualEnd: null });
    h.close();
  });
});

import { describe, expect, it } from 'vitest';
import { notesOfCall } from '../../../../src/main/core/db/repositories/notes';
import { lineHarness } from './line-harness';

const ada = '+14155550123';

async function connected() {
  const h = lineHarness();
  await h.invoke('dev.injectInbound', { from: ada });
  await h.invoke('line.answer');
  return h;
}

describe('transfer on the simulated line', () => {
  it('warm: the customer waits on hold while the agent consults; complete hands over and ends the agent’s call', async () => {
    const h = await connected();
    const consulting = await h.invoke('line.transfer', {
      mode: 'warm',
      target: { type: 'agent', userId: 'demo-agent-lucas', name: 'Lucas Meyer' },
    });
    expect(consulting.phase).toBe('on-hold');
    expect(consulting.call!.transfer).toEqual({
      mode: 'warm',
      target: { type: 'agent', userId: 'demo-agent-lucas' },
      targetName: 'Lucas Meyer',
      state: 'consulting',
    });
    // While consulting, the customer stays on hold and no second transfer starts.
    expect((await h.refusal('line.transfer', { mode: 'cold', target: { type: 'number', number: ada } })).code).toBe(
      'transfer_in_progress',
    );
    const done = await h.invoke('line.completeTransfer');
    expect(done.phase).toBe('wrap-up');
    expect(done.call!.transfer).toMatchObject({ state: 'completed', targetName: 'Lucas Meyer' });
    expect(done.call!.outcome).toBe('completed');
    expect(
      h.engine
        .log()
        .map((e) => [e.action, e.detail])
        .slice(-3),
    ).toEqual([
      ['transfer', 'warm demo-agent-lucas'],
      ['transfer-complete', 'warm demo-agent-lucas'],
      ['disconnect', 'transferred'],
    ]);
  });

  it('warm, cancelled: the target is dropped and the customer is back, off hold', async () => {
    const h = await connected();
    await h.invoke('line.transfer', { mode: 'warm', target: { type: 'number', number: '(212) 555-0177' } });
    const back = await h.invoke('line.cancelTransfer');
    expect(back.phase).toBe('in-progress');
    expect(back.call!.transfer).toEqual({
      mode: 'warm',
      target: { type: 'number', number: '+12125550177' },
      targetName: '+12125550177',
      state: 'cancelled',
    });
    expect((await h.refusal('line.completeTransfer')).code).toBe('no_transfer');
    expect(
      h.engine
        .log()
        .filter((e) => e.action.startsWith('transfer'))
        .map((e) => e.action),
    ).toEqual(['transfer', 'transfer-cancel']);
  });

  it('cold: the call goes at once and the agent wraps it up as Held', async () => {
    const h = await connected();
    const gone = await h.invoke('line.transfer', {
      mode: 'cold',
      target: { type: 'agent', userId: 'demo-agent-amara', name: 'Amara Okafor' },
    });
    expect(gone.phase).toBe('wrap-up');
    expect(gone.call!.transfer).toMatchObject({ mode: 'cold', state: 'completed', targetName: 'Amara Okafor' });
    expect(
      h.engine
        .log()
        .map((e) => [e.action, e.detail])
        .slice(-2),
    ).toEqual([
      ['transfer', 'cold demo-agent-amara'],
      ['disconnect', 'transferred'],
    ]);
    // The call's notes say where it went (written through the one write path).
    expect(notesOfCall(h.ctx.local.db, gone.call!.callId).map((n) => n.body)).toEqual([
      'Cold transfer: passed the call to Amara Okafor.',
    ]);
  });

  it('refuses without a connected call, and a number that is not one', async () => {
    const h = lineHarness();
    const target = { type: 'number', number: ada };
    expect((await h.refusal('line.transfer', { mode: 'cold', target })).code).toBe('not_connected');
    await h.invoke('dev.injectInbound', { from: ada });
    await h.invoke('line.answer');
    expect((await h.refusal('line.transfer', { mode: 'cold', target: { type: 'number', number: 'abc' } })).code).toBe(
      'invalid_number',
    );
  });
});

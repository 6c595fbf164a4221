import { describe, expect, it } from 'vitest';
import { lineHarness } from './line-harness';

const ada = '+442079460001';

describe('prepareDial: what the confirm sheet shows', () => {
  it('normalises the number in the agent’s region and finds the contact and account', async () => {
    const h = lineHarness();
    h.settings({ defaultRegion: 'GB' });
    const account = h.addAccount();
    const contact = h.addContact({ accountId: account.id });
    const preview = await h.invoke('line.prepareDial', { number: '020 7946 0001' });
    expect(preview).toMatchObject({
      e164: ada,
      numberDisplay: '+44 20 7946 0001',
      contact: { type: 'contact', id: contact.id, name: 'Ada Lovelace' },
      account: { id: account.id, name: account.name },
      doNotContact: false,
      doNotContactAction: 'none',
      suggestedSubject: 'Call with Ada Lovelace',
      related: { type: 'account', id: account.id },
      autoDial: false,
      blockedBy: null,
    });
  });

  it('reads tel: links and extensions the way the shell hands them over', async () => {
    const h = lineHarness();
    const preview = await h.invoke('line.prepareDial', { number: 'tel:+1-415-555-0123;ext=42' });
    expect(preview).toMatchObject({
      e164: '+14155550123',
      extension: '42',
      contact: null,
      suggestedSubject: 'Call to +1 415 555 0123',
    });
  });

  it('refuses what is not a phone number', async () => {
    const h = lineHarness();
    expect((await h.refusal('line.prepareDial', { number: 'hello' })).code).toBe('invalid_number');
  });
});

describe('dial: the Planned outbound record', () => {
  it('is linked to contact and account and becomes Held with start, end and duration', async () => {
    const h = lineHarness();
    const account = h.addAccount();
    const contact = h.addContact({ accountId: account.id });
    await h.invoke('dev.scriptOutbound', { number: ada, outcome: 'answer', afterMs: 3000 });
    const { callId, deduplicated, snapshot } = await h.invoke('line.dial', {
      number: ada,
      contactId: contact.id,
      source: 'link',
      requestId: 'link-1',
    });
    expect(deduplicated).toBe(false);
    expect(snapshot.phase).toBe('dialing');
    expect(h.call(callId)).toMatchObject({
      status: 'Planned',
      direction: 'Outbound',
      subject: 'Call with Ada Lovelace',
      toNumber: ada,
      related: { type: 'account', id: account.id },
      participants: [{ kind: 'user' }, { kind: 'contact', id: contact.id }],
    });
    h.scheduler.advance(250);
    expect((await h.invoke('line.state')).phase).toBe('ringing-out');
    h.scheduler.advance(2750);
    const live = await h.invoke('line.state');
    expect(live.phase).toBe('in-progress');
    expect(live.call!.providerCallId).toMatch(/^CA/);
    h.scheduler.advance(42_000);
    await h.invoke('dev.remoteHangup');
    expect(h.call(callId)).toMatchObject({
      status: 'Held',
      actualStart: '2026-03-10T14:00:03.000Z',
      actualEnd: '2026-03-10T14:00:45.000Z',
      durationSeconds: 42,
    });
    expect(h.call(callId).providerCallId).toMatch(/^CA/);
    const { items } = await h.invoke('calls.timeline', { related: { type: 'contact', id: contact.id } });
    expect(items.map((i) => [i.id, i.status, i.durationSeconds])).toEqual([[callId, 'Held', 42]]);
  });
});

describe('do-not-contact', () => {
  it('policy block: refused with the reason', async () => {
    const h = lineHarness();
    h.addContact({ doNotContact: true, doNotContactReason: 'Asked on 2026-02-01' });
    const preview = await h.invoke('line.prepareDial', { number: ada });
    expect(preview).toMatchObject({
      doNotContact: true,
      doNotContactReason: 'Asked on 2026-02-01',
      doNotContactAction: 'blocked',
    });
    const refusal = await h.refusal('line.dial', {
      number: ada,
      source: 'ui',
      requestId: 'r1',
      confirmDoNotContact: true,
    });
    expect(refusal).toMatchObject({ code: 'do_not_contact' });
    expect(refusal.message).toMatch(/Ada Lovelace must not be contacted.*Asked on 2026-02-01/);
    expect(h.sql('select id from calls')).toEqual([]);
    expect(h.engine.log()).toEqual([]);
  });

  it('policy warn: needs an explicit confirmation, then dials', async () => {
    const h = lineHarness();
    h.settings({ doNotContactPolicy: 'warn' });
    h.addContact({ doNotContact: true, doNotContactReason: 'Prefers email' });
    expect((await h.invoke('line.prepareDial', { number: ada })).doNotContactAction).toBe('confirm');
    expect((await h.refusal('line.dial', { number: ada, source: 'ui', requestId: 'r1' })).code).toBe(
      'do_not_contact_confirm',
    );
    const dialed = await h.invoke('line.dial', {
      number: ada,
      source: 'ui',
      requestId: 'r2',
      confirmDoNotContact: true,
    });
    expect(dialed.deduplicated).toBe(false);
    expect(h.engine.log().filter((e) => e.action === 'connect')).toHaveLength(1);
  });
});

describe('a double click or a repeated link never dials twice', () => {
  it('the same requestId returns the first call', async () => {
    const h = lineHarness();
    const first = await h.invoke('line.dial', { number: ada, source: 'ui', requestId: 'click-1' });
    h.scheduler.advance(10_000);
    const again = await h.invoke('line.dial', { number: ada, source: 'ui', requestId: 'click-1' });
    expect(again).toMatchObject({ callId: first.callId, deduplicated: true });
    expect(h.engine.log().filter((e) => e.action === 'connect')).toHaveLength(1);
  });

  it('two requests for the same number at once dial once', async () => {
    const h = lineHarness();
    const [a, b] = await Promise.all([
      h.invoke('line.dial', { number: ada, source: 'link', requestId: 'link-a' }),
      h.invoke('line.dial', { number: '+44 20 7946 0001', source: 'link', requestId: 'link-b' }),
    ]);
    expect(b).toMatchObject({ callId: a.callId, deduplicated: true });
    expect(h.sql('select id from calls')).toHaveLength(1);
    expect(h.engine.log().filter((e) => e.action === 'connect')).toHaveLength(1);
  });

  it('the same number joins the call while it is live, even after the window', async () => {
    const h = lineHarness();
    const first = await h.invoke('line.dial', { number: ada, source: 'ui', requestId: 'a' });
    h.scheduler.advance(30_000);
    expect((await h.invoke('line.state')).phase).toBe('in-progress');
    const again = await h.invoke('line.dial', { number: ada, source: 'link', requestId: 'b' });
    expect(again).toMatchObject({ callId: first.callId, deduplicated: true });
  });

  it('another number while a call is live is refused', async () => {
    const h = lineHarness();
    await h.invoke('line.dial', { number: ada, source: 'ui', requestId: 'a' });
    expect((await h.refusal('line.dial', { number: '+14155550123', source: 'ui', requestId: 'b' })).code).toBe(
      'line_busy',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { replaceBlockedNumbers } from '../../../../src/main/core/db/repositories/blocked-numbers';
import { getContact } from '../../../../src/main/core/db/repositories/contacts';
import { writeUnsynced } from '../../../../src/main/core/sync/mutate';
import { lineHarness, type LineHarness } from './line-harness';

const ada = '+442079460001';
const spammer = '+14155550666';

/** The copy a pull of GET /blocked-numbers stores. */
function block(h: LineHarness, e164: string, reason = 'Spam') {
  writeUnsynced(h.local, 'server copy', (tx) =>
    replaceBlockedNumbers(tx, [{ e164, reason, addedBy: 'Sam Supervisor', addedAt: '2026-03-01T09:00:00.000Z' }]),
  );
}

describe('a blocked number calls in', () => {
  it('is rejected before it rings and logged Not Held "Blocked", with no call-back task', async () => {
    const h = lineHarness();
    block(h, spammer);
    const snap = await h.invoke('dev.injectInbound', { from: '(415) 555-0666' });
    // Never rang: the line is idle, no pop reached the UI.
    expect(snap.phase).toBe('idle');
    expect(h.eventsNamed('line.incoming')).toEqual([]);
    const [logged] = h.sql<{
      id: string;
      status: string;
      status_reason: string;
      direction: string;
      from_number: string;
    }>('select id, status, status_reason, direction, from_number from calls');
    expect(logged).toMatchObject({
      status: 'NotHeld',
      status_reason: 'Blocked',
      direction: 'Inbound',
      from_number: spammer,
    });
    expect(h.sql('select * from tasks')).toEqual([]);
    // The record travels to the server like any call.
    expect(h.sql<{ name: string }>('select name from outbox').map((r) => r.name)).toEqual(['call.create']);
  });

  it('another number still rings', async () => {
    const h = lineHarness();
    block(h, spammer);
    const snap = await h.invoke('dev.injectInbound', { from: ada });
    expect(snap.phase).toBe('ringing-in');
  });
});

describe('dialing a blocked number follows the do-not-contact policy', () => {
  it('block: the preview says why and the dial is refused', async () => {
    const h = lineHarness();
    h.settings({ doNotContactPolicy: 'block' });
    block(h, spammer, 'Threatened staff');
    const preview = await h.invoke('line.prepareDial', { number: '415 555 0666' });
    expect(preview).toMatchObject({
      doNotContact: true,
      doNotContactAction: 'blocked',
      doNotContactReason: 'The company blocked this number: Threatened staff',
    });
    const refused = await h.refusal('line.dial', { number: spammer, source: 'ui', requestId: 'r1' });
    expect(refused.code).toBe('do_not_contact');
    expect(h.sql('select * from calls')).toEqual([]);
  });

  it('warn: the dial needs the agent’s confirmation', async () => {
    const h = lineHarness();
    h.settings({ doNotContactPolicy: 'warn' });
    block(h, spammer);
    const refused = await h.refusal('line.dial', { number: spammer, source: 'ui', requestId: 'r1' });
    expect(refused.code).toBe('do_not_contact_confirm');
    const { callId } = await h.invoke('line.dial', {
      number: spammer,
      source: 'ui',
      requestId: 'r2',
      confirmDoNotContact: true,
    });
    expect(h.call(callId).toNumber).toBe(spammer);
  });
});

describe('the do_not_call disposition', () => {
  it('flags the call’s contact with reason, date and who at wrap-up; click-to-dial then refuses', async () => {
    const h = lineHarness();
    h.settings({ doNotContactPolicy: 'block', agentName: 'Alex Agent' });
    const contact = h.addContact();
    const snap = await h.invoke('dev.injectInbound', { from: ada });
    await h.invoke('line.answer');
    h.scheduler.advance(30_000);
    await h.invoke('line.hangup');
    await h.invoke('wrapup.submit', {
      callId: snap.call!.callId,
      status: 'Held',
      dispositionCode: 'do_not_call',
      related: { type: 'contact', id: contact.id, name: 'Ada Lovelace' },
    });
    expect(getContact(h.local.db, contact.id)).toMatchObject({
      doNotContact: true,
      doNotContactReason: 'Asked not to be called again (call disposition)',
      doNotContactSince: '2026-03-10T14:00:30.000Z',
      doNotContactBy: 'Alex Agent',
    });
    // The flag travels before the call's outcome, so the server (which applies the same rule
    // to the call.update) finds the contact already flagged.
    expect(
      h
        .sql<{ name: string }>('select name from outbox order by mutation_id')
        .map((r) => r.name)
        .slice(-2),
    ).toEqual(['contact.update', 'call.update']);
    const refused = await h.refusal('line.dial', { number: ada, source: 'ui', requestId: 'after' });
    expect(refused).toMatchObject({ code: 'do_not_contact' });
    expect(refused.message).toContain('Asked not to be called again');
  });

  it('keeps an earlier flag’s own reason and date', async () => {
    const h = lineHarness();
    const contact = h.addContact({
      doNotContact: true,
      doNotContactReason: 'Legal hold',
      doNotContactSince: '2026-01-02T10:00:00.000Z',
      doNotContactBy: 'Sam',
    });
    h.settings({ doNotContactPolicy: 'warn' });
    const snap = await h.invoke('dev.injectInbound', { from: ada });
    await h.invoke('line.answer');
    await h.invoke('line.hangup');
    await h.invoke('wrapup.submit', { callId: snap.call!.callId, status: 'Held', dispositionCode: 'do_not_call' });
    expect(getContact(h.local.db, contact.id)).toMatchObject({
      doNotContactReason: 'Legal hold',
      doNotContactSince: '2026-01-02T10:00:00.000Z',
      doNotContactBy: 'Sam',
    });
  });
});

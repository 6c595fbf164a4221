import { describe, expect, it } from 'vitest';
import { createScreenPopLookup } from '../../../../src/main/core/lookup/screen-pop';
import { insertCall } from '../../../../src/main/core/db/repositories/calls';
import { fixtureTx, sampleCall } from '../helpers';
import { lineHarness } from '../calls/line-harness';

const shared = '+14155550100';

function setup() {
  const h = lineHarness();
  const lookup = createScreenPopLookup(h.local.sqlite, () => new Date('2026-07-01T16:30:00.000Z'));
  return { h, lookup };
}

describe('screen-pop lookup', () => {
  it('an unknown number has no matches (the UI shows "Unknown caller")', () => {
    const { lookup } = setup();
    expect(lookup.lookup('+14155550199')).toEqual({
      number: '+14155550199',
      numberDisplay: '+1 415 555 0199',
      matches: [],
      numberLocalTime: null,
    });
  });

  it('a caller address that is not a phone number matches nobody', () => {
    const { lookup } = setup();
    expect(lookup.lookup('client:alice')).toMatchObject({ numberDisplay: 'client:alice', matches: [] });
  });

  it('finds contacts, leads and accounts sharing a number, people first', () => {
    const { h, lookup } = setup();
    const account = h.addAccount({
      name: 'Acme',
      timeZone: 'America/New_York',
      phones: [{ kind: 'work', e164: shared, extension: null }],
    });
    h.addContact({
      firstName: 'Wile',
      lastName: 'Coyote',
      accountId: account.id,
      phones: [{ kind: 'work', e164: shared, extension: '12' }],
    });
    h.addLead({
      firstName: 'Road',
      lastName: 'Runner',
      phones: [{ kind: 'mobile', e164: shared, extension: null }],
      timeZone: 'America/Los_Angeles',
    });
    const pop = lookup.lookup(shared);
    expect(pop.matches.map((m) => [m.type, m.name, m.phoneKind])).toEqual([
      ['contact', 'Wile Coyote', 'work'],
      ['lead', 'Road Runner', 'mobile'],
      ['account', 'Acme', 'work'],
    ]);
    // The contact has no zone of its own: its account's. The lead has its own.
    expect(pop.matches[0]!.localTime).toMatchObject({
      zone: 'America/New_York',
      source: 'account',
      label: '12:30 EDT',
    });
    expect(pop.matches[1]!.localTime).toMatchObject({
      zone: 'America/Los_Angeles',
      source: 'contact',
      label: '09:30 PDT',
    });
    expect(pop.matches[1]!.account).toEqual({ id: null, name: 'Difference Engines' });
    expect(pop.numberLocalTime).toBeNull();
  });

  it('falls back to the number’s country zone when nobody has one', () => {
    const { h, lookup } = setup();
    h.addContact({ phones: [{ kind: 'work', e164: '+4930901820', extension: null }] });
    const pop = lookup.lookup('+4930901820');
    expect(pop.matches[0]!.localTime).toBeNull();
    expect(pop.numberLocalTime).toMatchObject({ zone: 'Europe/Berlin', source: 'number', label: '18:30 CEST' });
  });

  it('shows the do-not-contact flag and reason', () => {
    const { h, lookup } = setup();
    h.addContact({
      phones: [{ kind: 'work', e164: shared, extension: null }],
      doNotContact: true,
      doNotContactReason: 'Legal hold',
    });
    expect(lookup.lookup(shared).matches[0]).toMatchObject({ doNotContact: true, doNotContactReason: 'Legal hold' });
  });

  it('lists the last five calls, as participant or related record, newest first, and open tasks only', () => {
    const { h, lookup } = setup();
    const contact = h.addContact({ phones: [{ kind: 'work', e164: shared, extension: null }] });
    const at = (day: number) => `2026-06-${String(day).padStart(2, '0')}T10:00:00.000Z`;
    for (let day = 1; day <= 4; day++) {
      insertCall(
        fixtureTx(h.local),
        sampleCall({
          createdAt: at(day),
          participants: [{ kind: 'contact', id: contact.id, role: 'attendee', name: 'Ada' }],
        }),
      );
    }
    for (let day = 5; day <= 7; day++) {
      insertCall(
        fixtureTx(h.local),
        sampleCall({ createdAt: at(day), related: { type: 'contact', id: contact.id, name: 'Ada' } }),
      );
    }
    insertCall(fixtureTx(h.local), sampleCall({ createdAt: at(20) })); // someone else's
    h.addTask({ subject: 'Open one', related: { type: 'contact', id: contact.id, name: 'Ada' } });
    h.addTask({ subject: 'Done one', status: 'Done', related: { type: 'contact', id: contact.id, name: 'Ada' } });
    const match = lookup.lookup(shared).matches[0]!;
    expect(match.recentCalls.map((c) => c.at)).toEqual([at(7), at(6), at(5), at(4), at(3)]);
    expect(match.openTasks.map((t) => t.subject)).toEqual(['Open one']);
  });

  it('several matches ring with none chosen; chooseMatch links the call to the one picked', async () => {
    const { h } = setup();
    const wile = h.addContact({
      firstName: 'Wile',
      lastName: 'Coyote',
      phones: [{ kind: 'work', e164: shared, extension: null }],
    });
    h.addContact({ firstName: 'Bugs', lastName: 'Bunny', phones: [{ kind: 'work', e164: shared, extension: null }] });
    const ringing = await h.invoke('dev.injectInbound', { from: shared });
    expect(ringing.call!.pop!.matches).toHaveLength(2);
    expect(ringing.call!.chosen).toBeNull();
    expect(h.call(ringing.call!.callId).participants).toHaveLength(1);
    expect((await h.refusal('line.chooseMatch', { type: 'contact', id: 'someone-else' })).code).toBe('not_a_match');
    const chosen = await h.invoke('line.chooseMatch', { type: 'contact', id: wile.id });
    expect(chosen.call!.chosen).toEqual({ type: 'contact', id: wile.id });
    expect(h.call(ringing.call!.callId)).toMatchObject({
      related: { type: 'contact', id: wile.id, name: 'Wile Coyote' },
      participants: [{ kind: 'user' }, { kind: 'contact', id: wile.id }],
    });
  });
});

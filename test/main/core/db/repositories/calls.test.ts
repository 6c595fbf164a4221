import { describe, expect, it } from 'vitest';
import { transition } from '../../../../../src/shared/domain/lifecycle';
import { getCall, insertCall, listCalls, updateCall } from '../../../../../src/main/core/db/repositories/calls';
import { fixtureDb, sampleCall } from '../../helpers';

const alice = { kind: 'contact' as const, id: 'contact-alice', role: 'attendee' as const, name: 'Alice Carter' };
const agent = { kind: 'user' as const, id: 'user-1', role: 'organizer' as const, name: 'Agent' };

describe('calls repository', () => {
  it('stores every field of a call record and reads the same record back', () => {
    const { db, tx } = fixtureDb();
    const call = sampleCall({
      direction: 'Inbound',
      status: 'Held',
      actualStart: '2026-03-01T09:05:00.000Z',
      actualEnd: '2026-03-01T09:23:00.000Z',
      durationSeconds: 1080,
      plannedStart: { local: '2026-03-01T04:00', zone: 'America/New_York', utc: '2026-03-01T09:00:00.000Z' },
      outcome: { dispositionCode: 'resolved', text: 'Fixed' },
      participants: [agent, alice],
      related: { type: 'account', id: 'acct-1', name: 'Northwind' },
      teamId: 'team-1',
      fromNumber: '+12125550101',
      toNumber: '+12125550100',
      providerCallId: 'CA123',
      recordingUrl: 'https://example.com/rec.mp3',
      quality: { averageMos: 4.2, worstJitterMs: 12, packetLossPercent: 0.5 },
      review: { score: 4, comment: 'Clear', by: 'sup-1', byName: 'Sam', at: '2026-03-02T10:00:00.000Z' },
      transcript: { text: 'Hello, it is fixed.', provider: 'twilio', at: '2026-03-01T09:30:00.000Z' },
      isDemo: true,
    });
    insertCall(tx, call);
    expect(getCall(db, call.id)).toEqual(call);
    expect(getCall(db, 'missing')).toBeNull();
  });

  it('appends history on update and never rewrites earlier entries; participants are replaced', () => {
    const { db, sqlite, tx } = fixtureDb();
    const call = sampleCall({ participants: [agent, alice] });
    insertCall(tx, call);
    const moved = transition(call, {
      to: 'NotHeld',
      reason: 'No answer',
      at: '2026-03-02T10:00:00.000Z',
      by: 'user-1',
    });
    if (!moved.ok) throw new Error(moved.error.message);
    const next = { ...moved.value, participants: [alice] };
    updateCall(tx, next);
    const stored = getCall(db, call.id)!;
    expect(stored.status).toBe('NotHeld');
    expect(stored.history.map((h) => h.to)).toEqual(['Planned', 'NotHeld']);
    expect(stored.participants).toEqual([alice]);
    // A stale copy that tries to rewrite the first entry cannot.
    updateCall(tx, { ...next, history: [{ ...next.history[0]!, reason: 'rewritten' }, next.history[1]!] });
    expect(getCall(db, call.id)!.history[0]!.reason).toBeNull();
    expect(sqlite.prepare('select count(*) as n from call_status_history').get()).toEqual({ n: 2 });
  });

  it('rolls back the call when a participant write fails inside its transaction', () => {
    const { db, sqlite, tx } = fixtureDb();
    const call = sampleCall({ participants: [agent, alice] });
    sqlite.exec(
      `create trigger fail_participant before insert on call_participants begin select raise(abort, 'disk full'); end;`,
    );
    expect(() => sqlite.transaction(() => insertCall(tx, call))()).toThrow(/disk full/);
    expect(getCall(db, call.id)).toBeNull();
  });

  it('lists newest first by actual start, else planned time, else creation', () => {
    const { db, tx } = fixtureDb();
    const held = sampleCall({
      subject: 'held',
      createdAt: '2026-01-01T00:00:00.000Z',
      status: 'Held',
      actualStart: '2026-03-05T10:00:00.000Z',
      actualEnd: '2026-03-05T10:10:00.000Z',
      durationSeconds: 600,
    });
    const planned = sampleCall({
      subject: 'planned',
      createdAt: '2026-01-02T00:00:00.000Z',
      plannedStart: { local: '2026-03-07T10:00', zone: 'UTC', utc: '2026-03-07T10:00:00.000Z' },
    });
    const logged = sampleCall({ subject: 'logged', createdAt: '2026-03-06T00:00:00.000Z' });
    for (const c of [held, planned, logged]) insertCall(tx, c);
    const { items, total } = listCalls(db, { limit: 10, offset: 0 });
    expect(items.map((c) => c.subject)).toEqual(['planned', 'logged', 'held']);
    expect(total).toBe(3);
    const schedule = listCalls(db, { sort: 'planned', limit: 10, offset: 0 });
    expect(schedule.items[0]!.subject).toBe('planned');
  });

  it('filters by status, direction, related record and participant, and pages with a total', () => {
    const { db, tx } = fixtureDb();
    const related = { type: 'contact' as const, id: 'contact-alice', name: 'Alice' };
    insertCall(tx, sampleCall({ subject: 'a', direction: 'Inbound', related, participants: [alice] }));
    insertCall(tx, sampleCall({ subject: 'b', direction: 'Outbound', participants: [alice] }));
    insertCall(
      tx,
      sampleCall({
        subject: 'c',
        status: 'Cancelled',
        statusReason: 'dup',
        direction: 'Outbound',
        participants: [agent],
      }),
    );
    const subjects = (filter: Parameters<typeof listCalls>[1]) =>
      listCalls(db, filter)
        .items.map((c) => c.subject)
        .sort();
    expect(subjects({ status: ['Cancelled'], limit: 10, offset: 0 })).toEqual(['c']);
    expect(subjects({ direction: 'Inbound', limit: 10, offset: 0 })).toEqual(['a']);
    expect(subjects({ related: { type: 'contact', id: 'contact-alice' }, limit: 10, offset: 0 })).toEqual(['a']);
    expect(subjects({ participantId: 'contact-alice', limit: 10, offset: 0 })).toEqual(['a', 'b']);
    expect(
      subjects({
        linkedTo: { related: [{ type: 'contact', id: 'contact-alice' }], participantIds: [] },
        limit: 10,
        offset: 0,
      }),
    ).toEqual(['a']);
    expect(subjects({ linkedTo: { related: [], participantIds: [] }, limit: 10, offset: 0 })).toEqual([]);
    const page = listCalls(db, { limit: 2, offset: 2 });
    expect(page.items).toHaveLength(1);
    expect(page.total).toBe(3);
  });

  it('answers every filter shape right, past the number of statements a connection keeps', () => {
    const { db, tx } = fixtureDb();
    insertCall(tx, sampleCall({ subject: 'acme', related: { type: 'account', id: 'acct-acme', name: 'Acme' } }));
    insertCall(tx, sampleCall({ subject: 'other', related: { type: 'account', id: 'acct-other', name: 'Other' } }));
    // Each timeline below has one more related key, so each is a statement text of its own.
    const timeline = (extra: number) =>
      listCalls(db, {
        linkedTo: {
          related: [
            { type: 'account', id: 'acct-acme' },
            ...Array.from({ length: extra }, (_, i) => ({ type: 'lead' as const, id: `lead-${i}` })),
          ],
          participantIds: [],
        },
        limit: 10,
        offset: 0,
      });
    for (let extra = 0; extra < 80; extra++) {
      const { items, total } = timeline(extra);
      expect(items.map((c) => c.subject)).toEqual(['acme']);
      expect(total).toBe(1);
    }
    // The first shape, long since dropped from the connection's statements, is prepared again.
    expect(timeline(0).items.map((c) => c.subject)).toEqual(['acme']);
    expect(listCalls(db, { ids: [], limit: 10, offset: 0 }).total).toBe(0);
  });

  it('searches subject, outcome text and participant names by word prefix, safely', () => {
    const { db, tx } = fixtureDb();
    insertCall(tx, sampleCall({ subject: 'Router replacement', participants: [alice] }));
    const other = sampleCall({ subject: 'Invoice', outcome: { dispositionCode: null, text: 'Credit note issued' } });
    insertCall(tx, other);
    const search = (q: string) =>
      listCalls(db, { search: q, limit: 10, offset: 0 })
        .items.map((c) => c.subject)
        .sort();
    expect(search('rout')).toEqual(['Router replacement']);
    expect(search('alice car')).toEqual(['Router replacement']);
    expect(search('credit')).toEqual(['Invoice']);
    expect(search('"NEAR( AND *')).toEqual([]); // FTS syntax is searched as text, not run
    expect(search('!!!')).toHaveLength(2); // nothing searchable: no filter
    // The index follows edits.
    updateCall(tx, { ...other, subject: 'Billing dispute', outcome: { dispositionCode: null, text: '' } });
    expect(search('credit')).toEqual([]);
    expect(search('billing')).toEqual(['Billing dispute']);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LocalDb } from '../../../../src/main/core/db/open';
import { getLocalUserId } from '../../../../src/main/core/db/repositories/settings';
import { seedDemoIfFirstStart } from '../../../../src/main/core/demo/seed';
import { appendMutation } from '../../../../src/main/core/sync/append-mutation';
import { fixedNow, fixtureTx, openTestDb } from '../helpers';

let local: LocalDb;
let demoCall: string;
let demoContact: string;
beforeEach(() => {
  local = openTestDb();
  seedDemoIfFirstStart(local, { now: fixedNow, userId: getLocalUserId(local.db), agentName: 'Ada' });
  demoCall = (local.sqlite.prepare(`select id from calls where is_demo = 1 limit 1`).get() as { id: string }).id;
  demoContact = (local.sqlite.prepare(`select id from contacts where is_demo = 1 limit 1`).get() as { id: string }).id;
});
afterEach(() => local.close());

const at = '2026-03-10T14:05:00.000Z';
const queued = () => (local.sqlite.prepare(`select count(*) as n from outbox`).get() as { n: number }).n;

describe('changes to demo data are never queued for the server', () => {
  it('an edit or status change of a demo call', () => {
    expect(
      appendMutation(fixtureTx(local), 'call.update', { id: demoCall, set: { subject: 'Edited' }, at }),
    ).toBeNull();
    expect(
      appendMutation(fixtureTx(local), 'call.setStatus', { id: demoCall, to: 'Cancelled', reason: 'x', at }),
    ).toBeNull();
    expect(queued()).toBe(0);
  });

  it('what hangs on a demo call: a note, a follow-up task, a reminder', () => {
    expect(appendMutation(fixtureTx(local), 'note.add', { id: 'n1', body: 'Hello', callId: demoCall, at })).toBeNull();
    expect(
      appendMutation(fixtureTx(local), 'task.create', { id: 't1', subject: 'Follow up', callId: demoCall, at }),
    ).toBeNull();
    expect(
      appendMutation(fixtureTx(local), 'reminder.set', {
        id: 'r1',
        callId: demoCall,
        offsetMinutes: 10,
        remindAt: at,
        at,
      }),
    ).toBeNull();
    expect(queued()).toBe(0);
  });

  it('an edit of a demo contact, and anything created as demo', () => {
    expect(
      appendMutation(fixtureTx(local), 'contact.update', { id: demoContact, set: { title: 'CTO' }, at }),
    ).toBeNull();
    expect(
      appendMutation(fixtureTx(local), 'contact.create', { id: 'c1', lastName: 'Demo', isDemo: true, at }),
    ).toBeNull();
    expect(queued()).toBe(0);
  });

  it('real work is queued, also when it is about a demo contact', () => {
    const id = appendMutation(fixtureTx(local), 'call.create', {
      id: 'real-call',
      direction: 'Outbound',
      subject: 'Real',
      status: 'Planned',
      related: { type: 'contact', id: demoContact, name: 'Demo person' },
      at,
    });
    expect(id).toBeGreaterThan(0);
    expect(
      appendMutation(fixtureTx(local), 'note.add', { id: 'n2', body: 'Real note', callId: null, at }),
    ).toBeGreaterThan(0);
    expect(queued()).toBe(2);
  });
});

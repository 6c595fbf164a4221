import { describe, expect, it } from 'vitest';
import type { Task } from '../../../../../src/shared/domain/work';
import { insertCall } from '../../../../../src/main/core/db/repositories/calls';
import { insertNote, notesAbout, notesOfCall } from '../../../../../src/main/core/db/repositories/notes';
import { outboxCount, pendingOutbox } from '../../../../../src/main/core/db/repositories/outbox';
import { appendMutation } from '../../../../../src/main/core/sync/append-mutation';
import { dueReminders, insertReminder } from '../../../../../src/main/core/db/repositories/reminders';
import {
  defaultSettings,
  getLocalUserId,
  getSettings,
  updateSettings,
} from '../../../../../src/main/core/db/repositories/settings';
import { insertTask, listTasks, openTasksFor, setTaskStatus } from '../../../../../src/main/core/db/repositories/tasks';
import { fixtureDb, sampleCall } from '../../helpers';

const at = '2026-03-01T00:00:00.000Z';
function task(id: string, extra: Partial<Task> = {}): Task {
  return {
    id,
    subject: `Task ${id}`,
    dueAt: null,
    status: 'Open',
    priority: 'Normal',
    related: { type: 'contact', id: 'c1', name: 'Alice' },
    callId: null,
    ownerId: 'u1',
    isDemo: false,
    createdAt: at,
    updatedAt: at,
    ...extra,
  };
}

describe('work repositories', () => {
  it('gives open tasks about a record, soonest due first and undated last', () => {
    const { db, tx } = fixtureDb();
    insertTask(tx, task('t1'));
    insertTask(tx, task('t2', { dueAt: '2026-03-05T00:00:00.000Z' }));
    insertTask(tx, task('t3', { dueAt: '2026-03-02T00:00:00.000Z' }));
    insertTask(tx, task('t4', { status: 'Done' }));
    insertTask(tx, task('t5', { related: { type: 'account', id: 'a1', name: 'Northwind' } }));
    expect(openTasksFor(db, [{ type: 'contact', id: 'c1' }]).map((t) => t.id)).toEqual(['t3', 't2', 't1']);
    expect(
      openTasksFor(db, [
        { type: 'contact', id: 'c1' },
        { type: 'account', id: 'a1' },
      ]),
    ).toHaveLength(4);
    expect(listTasks(db, { status: ['Done'], limit: 10, offset: 0 })).toMatchObject({
      total: 1,
      items: [{ id: 't4' }],
    });
    expect(setTaskStatus(tx, 't1', 'Done', '2026-03-03T00:00:00.000Z')).toMatchObject({ status: 'Done' });
    expect(openTasksFor(db, [{ type: 'contact', id: 'c1' }]).map((t) => t.id)).toEqual(['t3', 't2']);
  });

  it('keeps notes append-only and finds them by call and by record', () => {
    const { db, tx } = fixtureDb();
    const note = {
      id: 'n1',
      body: 'Prefers mornings',
      callId: 'call-1',
      related: { type: 'contact' as const, id: 'c1', name: 'Alice' },
      authorId: 'u1',
      category: 'general' as const,
      createdAt: at,
      isDemo: false,
    };
    insertNote(tx, note);
    expect(notesOfCall(db, 'call-1')).toEqual([note]);
    expect(notesAbout(db, { type: 'contact', id: 'c1' })).toEqual([note]);
  });

  it('finds reminders that are due and have not fired', () => {
    const { db, tx } = fixtureDb();
    const call = sampleCall();
    insertCall(tx, call);
    const reminder = (id: string, remindAt: string, firedAt: string | null = null) => ({
      id,
      callId: call.id,
      recipientId: '',
      offsetMinutes: 15,
      remindAt,
      firedAt,
      dismissedAt: null,
    });
    insertReminder(db, reminder('r1', '2026-03-01T09:45:00.000Z'));
    insertReminder(db, reminder('r2', '2026-03-01T09:40:00.000Z', '2026-03-01T09:40:00.000Z'));
    insertReminder(db, reminder('r3', '2026-03-01T11:00:00.000Z'));
    expect(dueReminders(db, '2026-03-01T10:00:00.000Z').map((r) => r.id)).toEqual(['r1']);
  });

  it('numbers outbox mutations 1, 2, 3… and never reuses a number after rows are dropped', () => {
    const { db, sqlite, tx } = fixtureDb();
    expect(appendMutation(tx, 'task.setStatus', { id: 'a', to: 'Done', at })).toBe(1);
    expect(appendMutation(tx, 'task.setStatus', { id: 'a', to: 'Open', at })).toBe(2);
    expect(pendingOutbox(db).map(({ hlc: _hlc, ...row }) => row)).toEqual([
      { mutationId: 1, name: 'task.setStatus', args: { id: 'a', to: 'Done', at }, createdAt: at },
      { mutationId: 2, name: 'task.setStatus', args: { id: 'a', to: 'Open', at }, createdAt: at },
    ]);
    sqlite.exec('delete from outbox'); // the server confirmed both
    expect(appendMutation(tx, 'contact.create', { id: 'c', lastName: 'C', at })).toBe(3);
    expect(outboxCount(db)).toBe(1);
  });
});

describe('settings repository', () => {
  it('starts from the defaults and keeps what the agent changes', () => {
    const { db } = fixtureDb();
    const defaults = defaultSettings();
    expect(getSettings(db)).toEqual(defaults);
    expect(defaults).toMatchObject({
      agentName: 'Agent',
      defaultRegion: 'US',
      autoDial: false,
      doNotContactPolicy: 'block',
    });
    expect(updateSettings(db, { agentName: 'Sam', defaultRegion: 'GB' })).toEqual({
      ...defaults,
      agentName: 'Sam',
      defaultRegion: 'GB',
    });
    expect(getSettings(db).agentName).toBe('Sam');
  });

  it('falls back to the default for a stored value that no longer parses', () => {
    const { db, sqlite } = fixtureDb();
    sqlite.prepare(`insert into settings (key, value) values ('timeZone', '"Mars/Olympus_Mons"')`).run();
    expect(getSettings(db).timeZone).toBe(defaultSettings().timeZone);
  });

  it('makes the local user id once and keeps it', () => {
    const { db } = fixtureDb();
    const id = getLocalUserId(db);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(getLocalUserId(db)).toBe(id);
  });
});

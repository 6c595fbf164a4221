import { describe, expect, it } from 'vitest';
import type { LineSnapshot } from '../../../../src/shared/api/line';
import { lineHarness } from './line-harness';

const ada = '+442079460001';

describe('an inbound call from a known caller', () => {
  it('rings with the pop, is answered, muted, hung up, Held with its duration, wrapped up and in the timeline', async () => {
    const h = lineHarness();
    const account = h.addAccount();
    const contact = h.addContact({ accountId: account.id });
    h.addTask({ related: { type: 'contact', id: contact.id, name: 'Ada Lovelace' } });

    await h.invoke('dev.injectInbound', { from: ada });
    const ringing = await h.invoke('line.state');
    expect(ringing.phase).toBe('ringing-in');
    const pop = ringing.call!.pop!;
    expect(pop.matches).toHaveLength(1);
    expect(pop.matches[0]).toMatchObject({
      type: 'contact',
      id: contact.id,
      name: 'Ada Lovelace',
      title: 'Chief Mathematician',
      account: { id: account.id, name: account.name },
      tags: ['vip'],
      doNotContact: false,
      localTime: { zone: 'Europe/London', source: 'account', label: '14:00 GMT' },
    });
    expect(pop.matches[0]!.openTasks.map((t) => t.subject)).toEqual(['Send the proposal']);
    expect(ringing.call!.chosen).toEqual({ type: 'contact', id: contact.id });

    // The record exists from the first ring, linked to the caller.
    const callId = ringing.call!.callId;
    expect(h.call(callId)).toMatchObject({
      direction: 'Inbound',
      status: 'Planned',
      fromNumber: ada,
      related: { type: 'contact', id: contact.id },
      participants: [
        { kind: 'user', role: 'organizer' },
        { kind: 'contact', id: contact.id, role: 'attendee' },
      ],
    });
    expect(h.eventsNamed('line.incoming')).toHaveLength(1);

    h.scheduler.advance(3000);
    const answered = await h.invoke('line.answer');
    expect(answered.phase).toBe('in-progress');
    expect(answered.call!.answeredAt).toBe('2026-03-10T14:00:03.000Z');
    expect(h.call(callId).actualStart).toBe('2026-03-10T14:00:03.000Z');

    expect((await h.invoke('line.mute', { muted: true })).call!.muted).toBe(true);
    await h.invoke('line.notes', { notes: 'Wants the Q3 numbers' });
    h.scheduler.advance(95_000);
    const ended = await h.invoke('line.hangup');
    expect(ended.phase).toBe('wrap-up');
    expect(ended.availability).toBe('AfterCallWork');
    expect(h.engine.log().map((e) => e.action)).toEqual(['incoming', 'accept', 'mute', 'disconnect']);

    const held = h.call(callId);
    expect(held).toMatchObject({
      status: 'Held',
      actualStart: '2026-03-10T14:00:03.000Z',
      actualEnd: '2026-03-10T14:01:38.000Z',
      durationSeconds: 95,
    });
    expect(h.eventsNamed('wrapup.required')).toEqual([
      { callId, outcome: 'completed', since: '2026-03-10T14:01:38.000Z' },
    ]);

    const wrap = (await h.invoke('wrapup.get'))!;
    expect(wrap.draft).toMatchObject({ status: 'Held', reason: null, notes: 'Wants the Q3 numbers' });
    expect(wrap.draft.related).toMatchObject({ type: 'contact', id: contact.id });
    expect(wrap.customerZone).toBe('Europe/London');

    const submitted = await h.invoke('wrapup.submit', {
      callId,
      status: 'Held',
      dispositionCode: 'follow_up_needed',
      outcomeText: 'Sending numbers tomorrow',
      notes: wrap.draft.notes,
      related: { type: 'account', id: account.id, name: account.name },
      followUp: { subject: 'Call Ada back', preset: 'tomorrow9' },
    });
    expect(submitted.snapshot).toMatchObject({ phase: 'idle', availability: 'Available', call: null });
    expect(submitted.call.outcome).toEqual({ dispositionCode: 'follow_up_needed', text: 'Sending numbers tomorrow' });
    // 09:00 tomorrow in London (GMT in March before the 29th).
    expect(h.sql<{ due_at: string }>('select due_at from tasks where id = ?', submitted.taskId)[0]!.due_at).toBe(
      '2026-03-11T09:00:00.000Z',
    );
    expect(h.sql<{ body: string }>('select body from notes where call_id = ?', callId)).toEqual([
      { body: 'Wants the Q3 numbers' },
    ]);
    const outbox = h.sql<{ name: string }>('select name from outbox order by mutation_id').map((r) => r.name);
    expect(outbox).toEqual([
      'call.create',
      'call.answered',
      'call.setStatus',
      'call.update',
      'note.add',
      'task.create',
    ]);
    expect(await h.invoke('wrapup.get')).toBeNull();

    for (const related of [
      { type: 'contact', id: contact.id },
      { type: 'account', id: account.id },
    ]) {
      const { items } = await h.invoke('calls.timeline', { related });
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        id: callId,
        status: 'Held',
        direction: 'Inbound',
        durationSeconds: 95,
        dispositionLabel: 'Follow-up needed',
        outcomeText: 'Sending numbers tomorrow',
      });
    }
  });

  it('hold, resume and keypad tones reach the engine and the snapshot', async () => {
    const h = lineHarness();
    await h.invoke('dev.injectInbound', { from: ada });
    await h.invoke('line.answer');
    expect((await h.invoke('line.hold')).phase).toBe('on-hold');
    expect((await h.refusal('line.sendDigits', { digits: '1' })).code).toBe('not_connected');
    expect((await h.invoke('line.resume')).phase).toBe('in-progress');
    expect((await h.invoke('line.sendDigits', { digits: '12#' })).call!.digits).toBe('12#');
    expect(
      h.engine.log().filter((e) => e.action === 'digits' || e.action === 'hold' || e.action === 'resume'),
    ).toMatchObject([{ action: 'hold' }, { action: 'resume' }, { action: 'digits', detail: '12#' }]);
  });
});

describe('an unknown caller', () => {
  it('created as a contact during the call: the pop fills in and the call is linked to the new contact', async () => {
    const h = lineHarness();
    await h.invoke('dev.injectInbound', { from: ada });
    const ringing = await h.invoke('line.state');
    expect(ringing.call!.pop!.matches).toEqual([]);
    expect(ringing.call!.chosen).toBeNull();

    // What contacts.create does: write the contact, then say so on the event bus.
    const contact = h.addContact({ firstName: 'Grace', lastName: 'Hopper' });
    h.ctx.events.emit('data.changed', { entity: 'contact', ids: [contact.id] });
    const after = await h.invoke('line.state');
    expect(after.phase).toBe('ringing-in');
    expect(after.call!.pop!.matches.map((m) => m.name)).toEqual(['Grace Hopper']);
    expect(after.call!.chosen).toEqual({ type: 'contact', id: contact.id });
    expect(h.call(after.call!.callId)).toMatchObject({
      related: { type: 'contact', id: contact.id },
      participants: expect.arrayContaining([expect.objectContaining({ kind: 'contact', id: contact.id })]),
    });
  });
});

describe('calls that do not connect', () => {
  it('a call the caller abandons is Not Held as missed and asks for no wrap-up', async () => {
    const h = lineHarness();
    h.addContact();
    const snap = await h.invoke('dev.injectInbound', { from: ada });
    h.scheduler.advance(10_000);
    await h.invoke('dev.remoteHangup');
    const call = h.call(snap.call!.callId);
    expect(call).toMatchObject({
      status: 'NotHeld',
      statusReason: 'Missed call: nobody answered',
      durationSeconds: null,
    });
    expect(await h.invoke('wrapup.get')).toBeNull();
    expect(await h.invoke('line.state')).toMatchObject({ phase: 'idle', availability: 'Available', call: null });
  });

  it('a rejected call is Not Held as declined', async () => {
    const h = lineHarness();
    const snap = await h.invoke('dev.injectInbound', { from: '+14155550123' });
    expect(snap.call!.pop!.matches).toEqual([]);
    await h.invoke('line.reject');
    expect(h.call(snap.call!.callId)).toMatchObject({ status: 'NotHeld', statusReason: 'Call declined' });
  });

  it.each([
    ['busy', 'Line busy', 'busy'],
    ['no-answer', 'No answer', 'no_answer'],
    ['declined', 'Line busy', 'busy'],
    ['failed', 'Call failed to connect', null],
  ] as const)('an outbound call that ends %s is Not Held (%s)', async (outcome, reason, suggested) => {
    const h = lineHarness();
    await h.invoke('dev.scriptOutbound', { number: '+14155550123', outcome, afterMs: 4000 });
    const { callId } = await h.invoke('line.dial', { number: '+1 415 555 0123', source: 'ui', requestId: 'r1' });
    expect(h.call(callId)).toMatchObject({ status: 'Planned', direction: 'Outbound', toNumber: '+14155550123' });
    h.scheduler.advance(4000);
    expect(h.call(callId)).toMatchObject({ status: 'NotHeld', statusReason: reason });
    const wrap = (await h.invoke('wrapup.get'))!;
    expect(wrap.draft.dispositionCode).toBe(suggested);
    expect((await h.invoke('line.state')).call!.lastError).not.toBeNull();
  });

  it('an outbound call the agent stops while it rings is Not Held as hung up before answer', async () => {
    const h = lineHarness();
    const { callId } = await h.invoke('line.dial', { number: '+14155550123', source: 'ui', requestId: 'r1' });
    h.scheduler.advance(500);
    expect((await h.invoke('line.state')).phase).toBe('ringing-out');
    await h.invoke('line.hangup');
    expect(h.call(callId)).toMatchObject({ status: 'NotHeld', statusReason: 'Hung up before the call was answered' });
  });
});

describe('availability', () => {
  it('only Available rings; otherwise the call is rejected and logged Not Held without a wrap-up', async () => {
    const h = lineHarness();
    h.addContact();
    await h.invoke('line.setAvailability', { availability: 'Away' });
    const snap = await h.invoke('dev.injectInbound', { from: ada });
    expect(snap.phase).toBe('idle');
    expect(h.engine.log().map((e) => e.action)).toEqual(['incoming', 'reject']);
    const [logged] = h.sql<{ id: string }>("select id from calls where direction = 'Inbound'");
    expect(h.call(logged!.id)).toMatchObject({ status: 'NotHeld', statusReason: 'Not answered: agent was Away' });
    expect(await h.invoke('wrapup.get')).toBeNull();

    await h.invoke('line.setAvailability', { availability: 'Available' });
    expect((await h.invoke('dev.injectInbound', { from: ada })).phase).toBe('ringing-in');
  });

  it('Offline unregisters the line; coming back registers it', async () => {
    const h = lineHarness();
    const offline = await h.invoke('line.setAvailability', { availability: 'Offline' });
    expect(offline).toMatchObject({ availability: 'Offline', registration: 'unregistered' });
    expect((await h.refusal('dev.injectInbound', { from: ada })).code).toBe('line_offline');
    expect((await h.refusal('line.dial', { number: ada, source: 'ui', requestId: 'x' })).code).toBe('line_offline');
    expect((await h.invoke('line.setAvailability', { availability: 'Available' })).registration).toBe('registered');
  });

  it('after-call work lasts until the wrap-up is saved, then returns to the chosen availability', async () => {
    const h = lineHarness();
    const snap = await h.invoke('dev.injectInbound', { from: ada });
    await h.invoke('line.answer');
    await h.invoke('line.hangup');
    // Choosing during after-call work sets what follows; it does not end the wrap-up.
    const during = await h.invoke('line.setAvailability', { availability: 'Busy' });
    expect(during).toMatchObject({ availability: 'AfterCallWork', returnTo: 'Busy', phase: 'wrap-up' });
    // Nothing rings during after-call work.
    await h.invoke('dev.injectInbound', { from: '+14155550123' });
    expect((await h.invoke('line.state')).call!.callId).toBe(snap.call!.callId);
    const done = await h.invoke('wrapup.submit', {
      callId: snap.call!.callId,
      status: 'Held',
      dispositionCode: 'resolved',
    });
    expect(done.snapshot.availability).toBe('Busy');
  });
});

describe('wrap-up cannot be skipped', () => {
  it('a new dial is refused while a wrap-up is pending', async () => {
    const h = lineHarness();
    await h.invoke('dev.injectInbound', { from: ada });
    await h.invoke('line.answer');
    await h.invoke('dev.remoteHangup');
    const refusal = await h.refusal('line.dial', { number: '+14155550123', source: 'ui', requestId: 'r2' });
    expect(refusal.code).toBe('wrapup_pending');
    expect((await h.invoke('line.prepareDial', { number: '+14155550123' })).blockedBy?.code).toBe('wrapup_pending');
  });

  it('submit validates with the shared schema: a disposition code is required', async () => {
    const h = lineHarness();
    const snap = await h.invoke('dev.injectInbound', { from: ada });
    await h.invoke('line.answer');
    await h.invoke('line.hangup');
    await expect(
      h.invoke('wrapup.submit', { callId: snap.call!.callId, status: 'Held', dispositionCode: '' }),
    ).rejects.toThrow(/Pick a disposition code/);
  });
});

describe('reload and restart', () => {
  it('a fresh subscriber reads the live call as it is, equal to the last line.changed', async () => {
    const h = lineHarness();
    await h.invoke('dev.injectInbound', { from: ada });
    await h.invoke('line.answer');
    await h.invoke('line.mute', { muted: true });
    const last = h.eventsNamed('line.changed').at(-1) as LineSnapshot;
    const state = await h.invoke('line.state');
    expect(state).toEqual(last);
    expect(state).toMatchObject({ phase: 'in-progress', call: { muted: true } });
    // Versions only grow, so a client can drop a stale event.
    const versions = h.eventsNamed('line.changed').map((s) => (s as LineSnapshot).version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
  });

  it('the wrap-up draft survives closing and reopening the store', async () => {
    const first = lineHarness();
    const contact = first.addContact();
    const snap = await first.invoke('dev.injectInbound', { from: ada });
    await first.invoke('line.answer');
    first.scheduler.advance(60_000);
    await first.invoke('line.hangup');
    await first.invoke('wrapup.saveDraft', {
      callId: snap.call!.callId,
      dispositionCode: 'follow_up_needed',
      outcomeText: 'Half typed',
      followUp: { subject: 'Call back' },
    });
    first.close();

    const second = lineHarness({ file: first.file, startMs: first.scheduler.now() + 3_600_000 });
    const state = await second.invoke('line.state');
    expect(state).toMatchObject({
      phase: 'wrap-up',
      availability: 'AfterCallWork',
      call: { callId: snap.call!.callId },
    });
    const wrap = (await second.invoke('wrapup.get'))!;
    expect(wrap.draft).toMatchObject({
      dispositionCode: 'follow_up_needed',
      outcomeText: 'Half typed',
      related: { type: 'contact', id: contact.id },
      followUp: { subject: 'Call back', preset: null, dueAt: null },
    });
    expect((await second.refusal('line.dial', { number: '+14155550123', source: 'ui', requestId: 'r' })).code).toBe(
      'wrapup_pending',
    );
    await second.invoke('wrapup.submit', {
      callId: snap.call!.callId,
      status: 'Held',
      dispositionCode: 'follow_up_needed',
    });
    expect((await second.invoke('line.state')).phase).toBe('idle');
  });

  it('a call cut off by an app restart is closed and asks for its wrap-up', async () => {
    const first = lineHarness();
    const snap = await first.invoke('dev.injectInbound', { from: ada });
    await first.invoke('line.answer');
    first.scheduler.advance(30_000);
    first.close();
    const second = lineHarness({ file: first.file, startMs: first.scheduler.now() });
    expect((await second.invoke('line.state')).phase).toBe('wrap-up');
    expect(second.call(snap.call!.callId)).toMatchObject({ status: 'Held', durationSeconds: 30 });
  });
});

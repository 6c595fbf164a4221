import { describe, expect, it } from 'vitest';
import { applicableCallFields, applyCallFields, callFromCreateArgs } from '../../../src/shared/sync/call-records';
import { CallCreateArgs } from '../../../src/shared/sync/mutations';

const AT = '2026-03-10T12:00:00.000Z';
const args = (overrides: Record<string, unknown> = {}) =>
  CallCreateArgs.parse({ id: 'call-1', direction: 'Outbound', subject: 'Renewal', at: AT, ...overrides });

describe('call mutations → records, shared by server and desktop', () => {
  it('a call.create becomes a record through the lifecycle, owned by the signed-in user unless it names an owner', () => {
    const created = callFromCreateArgs(args({ status: 'NotHeld', reason: ' No answer ' }), 'user-1');
    expect(created.ok && created.value).toMatchObject({
      id: 'call-1',
      ownerId: 'user-1',
      status: 'NotHeld',
      statusReason: 'No answer',
      createdAt: AT,
      history: [{ from: null, to: 'NotHeld', reason: 'No answer', by: 'user-1' }],
    });
    const forOther = callFromCreateArgs(args({ ownerId: 'user-2' }), 'user-1');
    expect(forOther.ok && forOther.value.ownerId).toBe('user-2');
  });

  it('refuses what the lifecycle refuses (a Not Held call without a reason)', () => {
    const refused = callFromCreateArgs(args({ status: 'NotHeld' }), 'user-1');
    expect(refused).toMatchObject({ ok: false, error: { code: 'reason_required' } });
  });

  it('statusReason applies to a Not Held or Cancelled call only; the other fields always do', () => {
    const set = { statusReason: 'Left a voicemail', outcomeText: 'VM' };
    expect(applicableCallFields({ status: 'NotHeld' }, set)).toEqual(['statusReason', 'outcomeText']);
    expect(applicableCallFields({ status: 'Cancelled' }, set)).toEqual(['statusReason', 'outcomeText']);
    expect(applicableCallFields({ status: 'Held' }, set)).toEqual(['outcomeText']);
    expect(applicableCallFields({ status: 'Planned' }, set)).toEqual(['outcomeText']);
    const created = callFromCreateArgs(args({ status: 'NotHeld', reason: 'No answer' }), 'user-1');
    if (!created.ok) throw new Error('setup');
    const next = applyCallFields(created.value, set, applicableCallFields(created.value, set));
    expect(next).toMatchObject({ statusReason: 'Left a voicemail', outcome: { text: 'VM', dispositionCode: null } });
    expect(created.value.outcome.text).toBe('');
  });
});
